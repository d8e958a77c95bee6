package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code allowEmptyClientId=false} and {@code maxClientIdLength}: client ids the server does not allow. */
class ClientIdLimitsTest {
    @RegisterExtension
    static CicadaBroker broker =
            CicadaBroker.create().withSettings(s -> s.allowEmptyClientId(false).maxClientIdLength(23));

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5EmptyClientIdIsRefusedWithClientIdentifierNotValid() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "", true, 60);
            // [MQTT-3.1.3-8] (5.0: a server not assigning ids responds 0x85) then close
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void mqtt311EmptyClientIdIsRefusedWithIdentifierRejected() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_3_1_1, "", true, 60);
            // [MQTT-3.1.3-9] a server that rejects the client id answers 0x02 and closes
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void clientIdLongerThanTheLimitIsRefused() {
        try (RawMqttClient v5 = broker.rawClient();
                RawMqttClient v3 = broker.rawClient()) {
            String tooLong = "x".repeat(24);
            assertThat(v5.connect(MqttVersion.MQTT_5, tooLong, true, 60).reasonCode())
                    .isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(v3.connect(MqttVersion.MQTT_3_1_1, tooLong, true, 60).reasonCode())
                    .isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
        }
    }

    @Test
    void clientIdOf23CharactersIsAccepted() {
        try (RawMqttClient client = broker.rawClient()) {
            // [MQTT-3.1.3-5] the server MUST allow ids of 1 to 23 bytes from [0-9a-zA-Z]
            assertThat(client.connect(MqttVersion.MQTT_3_1_1, "abcdefghijklmnopqrstuvw", true, 60)
                            .reasonCode())
                    .isEqualTo(ReasonCode.V3_ACCEPTED);
        }
    }
}
