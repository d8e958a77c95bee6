package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UNSUBSCRIBE removes subscriptions; UNSUBACK answers per filter in MQTT 5. */
class UnsubscribeTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5UnsubAckSaysWhichSubscriptionsExisted() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "unsub-5");
        client.connect();
        try {
            client.subscribeWith().topicFilter("unsub/a").send();
            Mqtt5UnsubAck ack = client.unsubscribeWith()
                    .topicFilter("unsub/a")
                    .addTopicFilter("unsub/never")
                    .send();
            // 5.0 §3.11.3: 0x00 Success, 0x11 No subscription existed; [MQTT-3.11.3-1] one per filter, in order
            assertThat(ack.getReasonCodes())
                    .containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS, Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void noDeliveryAfterUnsubscribe() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "unsub-3", true, 60);
            sub.subscribe("unsub/live", 1);
            sub.send(new Unsubscribe(4711, List.of("unsub/live"), Properties.EMPTY));
            // [MQTT-3.10.4-4] (3.1.1) UNSUBACK with the UNSUBSCRIBE's packet id
            UnsubAck ack = sub.receive(UnsubAck.class, WAIT);
            assertThat(ack.packetId()).isEqualTo(4711);
            pub.connect(MqttVersion.MQTT_3_1_1, "unsub-3-pub", true, 60);
            pub.send(Publish.qos0("unsub/live", Payload.utf8("gone")));
            // [MQTT-3.10.4-2] the server stops adding new messages for the removed subscription
            sub.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void unsubscribeWithWildcardFilterRemovesOnlyThatExactFilter() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "unsub-exact", true, 60);
            sub.subscribe("unsub/x/+", 0);
            sub.subscribe("unsub/x/y", 0);
            sub.send(new Unsubscribe(sub.nextPacketId(), List.of("unsub/x/+"), Properties.EMPTY));
            assertThat(sub.receive(UnsubAck.class, WAIT).reasonCodes()).containsExactly(0x00);
            pub.connect(MqttVersion.MQTT_5, "unsub-exact-pub", true, 60);
            pub.send(Publish.qos0("unsub/x/y", Payload.utf8("still")));
            // [MQTT-3.10.4-1] filters are compared character by character: "unsub/x/y" stays
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("still");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }
}
