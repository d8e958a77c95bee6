package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the broker tells MQTT 5 clients why (DISCONNECT 0x8B) and closes every connection. A broker per test. */
class GracefulShutdownTest {
    @RegisterExtension
    CicadaBroker broker = CicadaBroker.create();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5ClientsGetServerShuttingDown() {
        try (RawMqttClient v5 = broker.rawClient();
                RawMqttClient v3 = broker.rawClient()) {
            assertThat(v5.connect(MqttVersion.MQTT_5, "shut5", true, 60).reasonCode())
                    .isZero();
            assertThat(v3.connect(MqttVersion.MQTT_3_1_1, "shut3", true, 60).reasonCode())
                    .isZero();
            broker.stop();
            // 5.0 §3.14.2.1: 0x8B Server shutting down
            Disconnect disconnect = v5.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN);
            assertThat(v5.awaitClosed(WAIT)).isTrue();
            assertThat(v3.awaitClosed(WAIT)).isTrue();
            assertThat(v3.poll(Duration.ZERO))
                    .as("3.1.1 has no server DISCONNECT")
                    .isNull();
        }
    }
}
