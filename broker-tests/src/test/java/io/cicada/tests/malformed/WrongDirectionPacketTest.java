package io.cicada.tests.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packets only a server may send (CONNACK, SUBACK, UNSUBACK, PINGRESP), sent by a client: a protocol error. */
class WrongDirectionPacketTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest(name = "MQTT 5 {0}")
    @CsvSource({"CONNACK, 20 03 00 00 00", "SUBACK, 90 04 00 01 00 00", "UNSUBACK, B0 04 00 01 00 00", "PINGRESP, D0 00"
    })
    void mqtt5ServerOnlyPacketFromClientIsAProtocolError(String type, String hex) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "wrong5-" + type, true, 60);
            client.sendHex(hex);
            // 5.0 §4.13 / §2.1.2 (direction of flow): DISCONNECT 0x82 Protocol Error, then close
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @ParameterizedTest(name = "MQTT 3.1.1 {0}")
    @CsvSource({"CONNACK, 20 02 00 00", "SUBACK, 90 03 00 01 00", "UNSUBACK, B0 02 00 01", "PINGRESP, D0 00"})
    void mqtt311ServerOnlyPacketFromClientClosesTheConnection(String type, String hex) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "wrong3-" + type, true, 60);
            client.sendHex(hex);
            // [MQTT-4.8.0-1] (3.1.1) a protocol violation: the server closes the network connection
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.poll(Duration.ZERO)).isNull();
        }
    }
}
