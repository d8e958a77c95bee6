package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CONNECT with a client id that is already connected takes the session over and closes the old connection. */
class SessionTakeoverTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void secondConnectWithSameClientIdClosesTheFirstWithSessionTakenOver() {
        try (RawMqttClient first = broker.rawClient();
                RawMqttClient second = broker.rawClient()) {
            assertThat(first.connect(MqttVersion.MQTT_5, "same-id", true, 60).reasonCode())
                    .isZero();
            assertThat(second.connect(MqttVersion.MQTT_5, "same-id", true, 60).reasonCode())
                    .isZero();
            // [MQTT-3.1.4-3] the existing client is disconnected; 5.0 §3.14.2.1: DISCONNECT 0x8E Session taken over
            Disconnect disconnect = first.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
            assertThat(first.awaitClosed(WAIT)).isTrue();
            second.expectNothing(Duration.ofMillis(200));
            assertThat(second.isClosedByBroker()).isFalse();
        }
    }

    @Test
    void mqtt311TakeoverClosesTheFirstConnection() {
        try (RawMqttClient first = broker.rawClient();
                RawMqttClient second = broker.rawClient()) {
            assertThat(first.connect(MqttVersion.MQTT_3_1_1, "same-v3", true, 60)
                            .reasonCode())
                    .isZero();
            assertThat(second.connect(MqttVersion.MQTT_3_1_1, "same-v3", true, 60)
                            .reasonCode())
                    .isZero();
            // [MQTT-3.1.4-2] (3.1.1) the server MUST disconnect the existing client
            assertThat(first.awaitClosed(WAIT)).isTrue();
            assertThat(first.poll(Duration.ZERO)).as("no DISCONNECT in 3.1.1").isNull();
        }
    }

    @Test
    void takenOverSessionKeepsReceivingOnTheNewConnection() {
        Mqtt5BlockingClient publisher = ThirdPartyClients.hivemq5(broker, "takeover-pub");
        Mqtt3BlockingClient old = ThirdPartyClients.hivemq3(broker, "takeover-sub");
        publisher.connect();
        old.connectWith().cleanSession(false).send();
        old.subscribeWith().topicFilter("takeover/t").qos(MqttQos.AT_LEAST_ONCE).send();
        try (RawMqttClient fresh = broker.rawClient()) {
            // resuming the session: Session Present 1 [MQTT-3.2.2-2]
            assertThat(fresh.connect(MqttVersion.MQTT_3_1_1, "takeover-sub", false, 60)
                            .sessionPresent())
                    .isTrue();
            await().atMost(WAIT).until(() -> old.getState() != MqttClientState.CONNECTED);
            publisher
                    .publishWith()
                    .topic("takeover/t")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("moved".getBytes())
                    .send();
            Publish p = fresh.receive(Publish.class, WAIT);
            assertThat(p.topic()).isEqualTo("takeover/t");
            assertThat(p.payload().asUtf8()).isEqualTo("moved");
            fresh.send(new PubAck(p.packetId()));
        } finally {
            publisher.disconnect();
        }
    }
}
