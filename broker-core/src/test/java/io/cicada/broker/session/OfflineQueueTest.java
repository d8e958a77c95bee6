package io.cicada.broker.session;

import static io.cicada.broker.connection.Packets.connect;
import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.connection.CoreHarness;
import io.cicada.broker.connection.TestClient;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfflineQueueTest {

    private static BrokerSettings.Builder settings() {
        return BrokerSettings.builder().sysIntervalSeconds(0);
    }

    /** Subscribes "s" persistently to "t" at QoS 1 and goes offline; returns a connected publisher. */
    private static TestClient offlineSubscriberAndPublisher(CoreHarness h) {
        TestClient sub = h.client(h.loopB);
        sub.connect(connect(MqttVersion.MQTT_3_1_1, "s", false));
        sub.send(subscribe(1, "t", 1));
        sub.dropConnection();
        TestClient pub = h.client();
        pub.connect(connect311("p"));
        return pub;
    }

    private static TestClient reconnect(CoreHarness h) {
        TestClient sub = h.client(h.loopB);
        sub.connect(connect(MqttVersion.MQTT_3_1_1, "s", false));
        return sub;
    }

    @Test
    void messagesForAnOfflineSessionAreDeliveredInOrderOnReconnect() {
        CoreHarness h = new CoreHarness();
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(publish("t", 1, 1, "a"), publish("t", 1, 2, "b"), publish("t", 1, 3, "c"));
        assertThat(reconnect(h).received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("a", "b", "c");
    }

    @Test
    void qos0IsNotQueuedOfflineByDefault() {
        CoreHarness h = new CoreHarness();
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(publish("t", 0, 0, "dropped"));
        assertThat(reconnect(h).received(Publish.class)).isEmpty();
        assertThat(h.core.stats().messagesDropped()).isEqualTo(1);
    }

    @Test
    void qos0IsQueuedOfflineWhenConfigured() {
        CoreHarness h = new CoreHarness(settings().queueQos0Offline(true).build());
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(publish("t", 0, 0, "kept"));
        assertThat(reconnect(h).received(Publish.class)).hasSize(1);
    }

    @Test
    void fullQueueDropsTheNewMessageAndCountsIt() {
        CoreHarness h = new CoreHarness(settings().maxQueuedMessages(2).build());
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(publish("t", 1, 1, "1"), publish("t", 1, 2, "2"), publish("t", 1, 3, "3"));
        assertThat(reconnect(h).received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("1", "2");
        assertThat(h.core.stats().messagesDropped()).isEqualTo(1);
    }

    @Test
    void queueIsBoundedByBytes() {
        CoreHarness h = new CoreHarness(settings().maxQueuedBytes(5).build());
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(publish("t", 1, 1, "1234"), publish("t", 1, 2, "56"), publish("t", 1, 3, "7"));
        assertThat(reconnect(h).received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("1234", "7");
    }

    @Test
    void expiredMessagesAreNotDeliveredFromTheQueue() {
        CoreHarness h = new CoreHarness();
        TestClient pub = offlineSubscriberAndPublisher(h);
        pub.send(new Publish(
                "t",
                1,
                false,
                false,
                1,
                Properties.builder().messageExpiryInterval(5L).build(),
                Payload.utf8("short-lived")));
        pub.send(publish("t", 1, 2, "durable"));
        h.advance(Duration.ofSeconds(6));
        assertThat(reconnect(h).received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("durable");
    }

    @Test
    void unwritableConnectionQueuesUntilWritableAgain() {
        CoreHarness h = new CoreHarness();
        TestClient sub = h.client(h.loopB);
        sub.connect(connect311("s"));
        sub.send(subscribe(1, "t", 0));
        sub.outbound().writable(false);
        TestClient pub = h.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 0, 0, "x"));
        assertThat(sub.received(Publish.class)).isEmpty();
        sub.outbound().writable(true);
        h.loopB.execute(() -> sub.inbound().writabilityChanged(true));
        h.runAll();
        assertThat(sub.received(Publish.class)).hasSize(1);
    }
}
