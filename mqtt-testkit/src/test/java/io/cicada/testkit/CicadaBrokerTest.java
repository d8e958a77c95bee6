package io.cicada.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension runs a real broker on a loopback port and applies settings. */
class CicadaBrokerTest {
    @RegisterExtension
    static CicadaBroker broker =
            CicadaBroker.create().withSettings(s -> s.maxPacketSize(4_096)).withSettings(s -> s.receiveMaximum(7));

    @Test
    void brokerListensOnLoopbackWithAPortOfItsOwn() {
        assertThat(broker.host()).isEqualTo("127.0.0.1");
        assertThat(broker.port()).isPositive();
        assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
        assertThat(broker.broker().core()).isNotNull();
    }

    @Test
    void settingsFromEveryWithSettingsCallApply() {
        assertThat(broker.settings().maxPacketSize()).isEqualTo(4_096);
        assertThat(broker.settings().receiveMaximum()).isEqualTo(7);
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "kit", true, 60);
            assertThat(ack.reasonCode()).isZero();
            assertThat(ack.properties().receiveMaximum()).isEqualTo(7);
            assertThat(ack.properties().maximumPacketSize()).isEqualTo(4_096L);
        }
    }

    @Test
    void stoppedBrokerClosesItsConnectionsAndCanStartAgain() {
        CicadaBroker own = CicadaBroker.create();
        own.start();
        try (RawMqttClient client = own.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "kit-stop", true, 60);
            own.stop();
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        } finally {
            own.stop();
        }
        assertThatThrownBy(own::port).isInstanceOf(IllegalStateException.class);
        own.start();
        try {
            assertThat(own.port()).isPositive();
        } finally {
            own.stop();
        }
    }
}
