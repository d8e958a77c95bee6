package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SUBSCRIBE and UNSUBSCRIBE with several filters at packet level, retained re-sends on a replaced subscription, Retain
 * As Published, delivery order and fan-out to every matching session (5.0 §3.8, §3.10, §4.5, §4.6).
 */
class SubscribeConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    private static Publish publish(String topic, int qos, boolean retain, int packetId, String text) {
        return new Publish(topic, qos, false, retain, packetId, Properties.EMPTY, Payload.utf8(text));
    }

    @Test
    void severalFiltersGetOneSubAckAndOneUnsubAckWithACodePerFilterInOrder() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "multi-sub", true, 60);
            client.send(new Subscribe(
                    42,
                    List.of(
                            Subscription.of("multi/a/+", 2),
                            Subscription.of("multi/#/bad", 1),
                            Subscription.of("multi/b", 1)),
                    Properties.EMPTY));
            SubAck subAck = client.receive(SubAck.class, WAIT);
            // [MQTT-3.8.4-1] answered by a SUBACK, [MQTT-2.2.1-6] with the SUBSCRIBE's identifier
            assertThat(subAck.packetId()).isEqualTo(42);
            // [MQTT-3.8.4-5] one SUBACK for the three, [MQTT-3.8.4-7] [MQTT-3.9.3-2] each code the granted QoS or a
            // failure from the SUBACK table, in filter order
            assertThat(subAck.reasonCodes()).containsExactly(2, ReasonCode.TOPIC_FILTER_INVALID, 1);
            client.send(publish("multi/a/x", 0, false, 0, "a"));
            client.send(publish("multi/b", 0, false, 0, "b"));
            Publish first = client.receive(Publish.class, WAIT);
            // [MQTT-3.3.2-3] the topic name sent matches the subscription's filter
            assertThat(first.topic()).isEqualTo("multi/a/x");
            assertThat(client.receive(Publish.class, WAIT).topic()).isEqualTo("multi/b");

            client.send(new Unsubscribe(43, List.of("multi/b", "multi/none", "multi/a/+"), Properties.EMPTY));
            UnsubAck unsubAck = client.receive(UnsubAck.class, WAIT);
            // [MQTT-3.10.4-6] one UNSUBACK, [MQTT-2.2.1-6] with the identifier, [MQTT-3.11.3-2] codes of the table
            assertThat(unsubAck.packetId()).isEqualTo(43);
            assertThat(unsubAck.reasonCodes())
                    .containsExactly(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.SUCCESS);
            client.send(publish("multi/a/x", 0, false, 0, "gone"));
            client.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void mqtt311SeveralFiltersActAsSeparateSubscribes() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "multi-311", true, 60);
            client.send(
                    new Subscribe(
                            7, List.of(Subscription.of("m311/a", 1), Subscription.of("m311/b", 0)), Properties.EMPTY),
                    MqttVersion.MQTT_3_1_1);
            SubAck subAck = client.receive(SubAck.class, WAIT);
            // [MQTT-3.8.4-1@3.1.1] [MQTT-3.8.4-4@3.1.1] one SUBACK for both, [MQTT-3.9.3-2@3.1.1] granted QoS codes
            assertThat(subAck.packetId()).isEqualTo(7);
            assertThat(subAck.reasonCodes()).containsExactly(1, 0);
            client.send(new Unsubscribe(8, List.of("m311/a", "m311/b"), Properties.EMPTY), MqttVersion.MQTT_3_1_1);
            // [MQTT-3.10.4-6@3.1.1] one UNSUBACK for both
            assertThat(client.receive(UnsubAck.class, WAIT).packetId()).isEqualTo(8);
            client.send(publish("m311/a", 0, false, 0, "gone"), MqttVersion.MQTT_3_1_1);
            client.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void replacedSubscriptionWithRetainHandlingZeroGetsTheRetainedMessageAgainAndLosesNothing() {
        try (RawMqttClient client = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "replace-pub", true, 60);
            pub.send(publish("replace/t", 1, true, 1, "kept"));
            pub.receive(PubAck.class, WAIT);
            client.connect(MqttVersion.MQTT_5, "replace-sub", true, 60);
            client.subscribe(new Subscription("replace/t", 0, false, false, 0));
            assertThat(client.receive(Publish.class, WAIT).retain()).isTrue();
            client.subscribe(new Subscription("replace/t", 1, false, false, 0));
            // [MQTT-3.8.4-4] Retain Handling 0: the retained message is sent again on the replacement
            Publish again = client.receive(Publish.class, WAIT);
            assertThat(again.payload().asUtf8()).isEqualTo("kept");
            assertThat(again.retain()).isTrue();
            client.send(new PubAck(again.packetId()));
            pub.send(publish("replace/t", 0, false, 0, "live"));
            // ... and live messages keep flowing through the replaced subscription
            assertThat(client.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("live");
            pub.send(publish("replace/t", 0, true, 0, ""));
        }
    }

    @Test
    void retainAsPublishedKeepsOrClearsTheRetainFlagOfLiveMessages() {
        try (RawMqttClient keep = broker.rawClient();
                RawMqttClient clear = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            keep.connect(MqttVersion.MQTT_5, "rap-keep", true, 60);
            keep.subscribe(new Subscription("rap/t", 0, false, true, 2));
            clear.connect(MqttVersion.MQTT_5, "rap-clear", true, 60);
            clear.subscribe(new Subscription("rap/t", 0, false, false, 2));
            pub.connect(MqttVersion.MQTT_5, "rap-pub", true, 60);
            pub.send(publish("rap/t", 0, true, 0, "r"));
            // [MQTT-3.3.1-13] Retain As Published 1 keeps RETAIN 1
            assertThat(keep.receive(Publish.class, WAIT).retain()).isTrue();
            // [MQTT-3.3.1-12] Retain As Published 0 clears it
            assertThat(clear.receive(Publish.class, WAIT).retain()).isFalse();
            pub.send(publish("rap/t", 0, true, 0, ""));
        }
    }

    @Test
    void everyMatchingSessionGetsTheMessagesOfAPublisherInOrder() {
        try (RawMqttClient a = broker.rawClient();
                RawMqttClient b = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            a.connect(MqttVersion.MQTT_5, "order-a", true, 60);
            a.subscribe("order/t", 1);
            b.connect(MqttVersion.MQTT_3_1_1, "order-b", true, 60);
            b.subscribe("order/+", 1);
            RawMqttClient away = broker.rawClient();
            away.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "order-away",
                    false,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().sessionExpiryInterval(60L).build()));
            away.subscribe("order/#", 1);
            away.close();
            pub.connect(MqttVersion.MQTT_5, "order-pub", true, 60);
            for (int i = 1; i <= 20; i++) {
                pub.send(publish("order/t", 1, false, i, Integer.toString(i)));
            }
            // [MQTT-4.5.0-1] the message goes into the session of every matching subscriber, the offline one included
            // [MQTT-4.6.0-5] [MQTT-4.6.0-6@3.1.1] in the order the publisher sent them, per topic and QoS
            assertThat(texts(a, 20)).isEqualTo(expected(20));
            assertThat(texts(b, 20)).isEqualTo(expected(20));
            away = broker.rawClient();
            away.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "order-away",
                    false,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().sessionExpiryInterval(0L).build()));
            assertThat(texts(away, 20)).isEqualTo(expected(20));
            away.close();
        }
    }

    @Test
    void deliveryBegunBeforeUnsubscribeIsCompleted() {
        Connect persistent = new Connect(
                MqttVersion.MQTT_5,
                "unsub-inflight",
                false,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(60L).build());
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "unsub-inflight-pub", true, 60);
            RawMqttClient client = broker.rawClient();
            client.connect(persistent);
            client.subscribe("unsub/inflight", 1);
            pub.send(publish("unsub/inflight", 1, false, 1, "begun"));
            Publish begun = client.receive(Publish.class, WAIT);
            client.send(new Unsubscribe(client.nextPacketId(), List.of("unsub/inflight"), Properties.EMPTY));
            assertThat(client.receive(UnsubAck.class, WAIT).reasonCodes()).containsExactly(ReasonCode.SUCCESS);
            pub.send(publish("unsub/inflight", 1, false, 2, "after"));
            client.close(); // the PUBLISH sent before the UNSUBSCRIBE is still unacknowledged

            client = broker.rawClient();
            client.connect(persistent);
            // [MQTT-3.10.4-3] [MQTT-3.10.4-3@3.1.1] the QoS 1 delivery already begun is completed: re-sent with DUP,
            // as [MQTT-4.3.2-3] it stayed unacknowledged without its PUBACK
            Publish again = client.receive(Publish.class, WAIT);
            assertThat(again.payload().asUtf8()).isEqualTo("begun");
            assertThat(again.packetId()).isEqualTo(begun.packetId());
            assertThat(again.dup()).isTrue();
            client.send(new PubAck(again.packetId()));
            // [MQTT-3.10.4-2] and nothing published after the UNSUBSCRIBE was queued
            client.expectNothing(Duration.ofMillis(500));
            client.send(io.cicada.mqtt.packet.Disconnect.NORMAL);
            client.close();
        }
    }

    private static List<String> texts(RawMqttClient client, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Publish p = client.receive(Publish.class, WAIT);
            texts.add(p.payload().asUtf8());
            client.send(new PubAck(p.packetId()));
        }
        return texts;
    }

    private static List<String> expected(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            texts.add(Integer.toString(i));
        }
        return texts;
    }
}
