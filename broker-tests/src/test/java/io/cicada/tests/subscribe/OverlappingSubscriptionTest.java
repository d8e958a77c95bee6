package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several of one client's subscriptions match a message: it is delivered once, at the highest granted QoS, with every
 * matching Subscription Identifier (MQTT 5). Cicada does the same for 3.1.1, which [MQTT-3.3.5-1] allows.
 */
class OverlappingSubscriptionTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5OverlapGivesOneDeliveryAtHighestQosWithAllSubscriptionIdentifiers() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "overlap-5", true, 60);
            sub.subscribe(Properties.builder().addSubscriptionIdentifier(11).build(), Subscription.of("ov5/#", 1));
            sub.subscribe(Properties.builder().addSubscriptionIdentifier(22).build(), Subscription.of("ov5/+", 2));
            sub.subscribe(Subscription.of("ov5/a", 0)); // no identifier
            pub.connect(MqttVersion.MQTT_5, "overlap-5-pub", true, 60);
            pub.send(new Publish("ov5/a", 2, false, false, 1, Properties.EMPTY, Payload.utf8("once")));
            Publish p = sub.receive(Publish.class, WAIT);
            // [MQTT-3.3.4-2] one PUBLISH at the highest QoS of the overlapping subscriptions
            assertThat(p.qos()).isEqualTo(2);
            // [MQTT-3.3.4-3] / [MQTT-3.3.4-4] one copy with all the matching Subscription Identifiers
            assertThat(p.properties().subscriptionIdentifiers()).containsExactlyInAnyOrder(11, 22);
            sub.send(new PubRec(p.packetId()));
            sub.receive(PubRel.class, WAIT);
            sub.send(new PubComp(p.packetId()));
            sub.expectNothing(Duration.ofMillis(400));
        }
    }

    @Test
    void subscriptionIdentifierIsSentWithEachDelivery() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "subid", true, 60);
            sub.subscribe(
                    Properties.builder().addSubscriptionIdentifier(268_435_455).build(), Subscription.of("subid/+", 0));
            pub.connect(MqttVersion.MQTT_5, "subid-pub", true, 60);
            pub.send(Publish.qos0("subid/x", Payload.utf8("x")));
            // 5.0 §3.8.2.1.2 / [MQTT-3.3.4-3]: the Subscription Identifier is returned in each matching PUBLISH
            assertThat(sub.receive(Publish.class, WAIT).properties().subscriptionIdentifiers())
                    .containsExactly(268_435_455);
        }
    }

    @Test
    void mqtt311OverlapGivesOneDeliveryAtHighestQos() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "overlap-3", true, 60);
            sub.subscribe(Subscription.of("ov3/#", 0), Subscription.of("ov3/+/c", 1));
            pub.connect(MqttVersion.MQTT_3_1_1, "overlap-3-pub", true, 60);
            pub.send(new Publish("ov3/b/c", 2, false, false, 1, Properties.EMPTY, Payload.utf8("once")));
            Publish p = sub.receive(Publish.class, WAIT);
            // [MQTT-3.3.5-1] (3.1.1) the server MUST deliver at the maximum QoS of all matching subscriptions;
            // Cicada chooses one copy (allowed) rather than one per subscription
            assertThat(p.qos()).isEqualTo(1);
            sub.send(new PubAck(p.packetId()));
            sub.expectNothing(Duration.ofMillis(400));
        }
    }
}
