package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code allowAnonymous=false}, a CONNECT without a user name is refused (0x87 / 3.x return code 5). */
class AnonymousRefusedTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.allowAnonymous(false));

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5ConnectWithoutUserNameGetsNotAuthorized() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "anon5", true, 60);
            // §3.2.2.2 reason 0x87 Not authorized; [MQTT-3.2.2-6] Session Present 0 on refusal
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(ack.sessionPresent()).isFalse();
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void mqtt311ConnectWithoutUserNameGetsReturnCode5() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "anon3", true, 60);
            // §3.2.2.3 return code 0x05 Connection Refused, not authorized; then [MQTT-3.2.2-5] close
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_NOT_AUTHORIZED);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void connectWithUserNameIsAccepted() {
        try (RawMqttClient client = broker.rawClient()) {
            Connect connect = new Connect(
                    MqttVersion.MQTT_5,
                    "named",
                    true,
                    60,
                    "alice",
                    "secret".getBytes(StandardCharsets.UTF_8),
                    null,
                    Properties.EMPTY);
            assertThat(client.connect(connect).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }
}
