package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import org.junit.jupiter.api.Test;

class PublishFlowQos0Test {
    private final CoreHarness harness = new CoreHarness();

    private TestClient subscriber(String id, String filter, int qos) {
        TestClient client = harness.client(harness.loopB);
        client.connect(connect311(id));
        client.send(subscribe(1, filter, qos));
        client.clear();
        return client;
    }

    @Test
    void qos0MessageReachesAMatchingSubscriberOnAnotherLoop() {
        TestClient sub = subscriber("s", "a/+", 0);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("a/b", 0, 0, "hello"));
        Publish received = sub.last(Publish.class);
        assertThat(received.topic()).isEqualTo("a/b");
        assertThat(received.payload().asUtf8()).isEqualTo("hello");
        assertThat(received.qos()).isZero();
        assertThat(received.packetId()).isZero();
        assertThat(received.retain()).isFalse();
        assertThat(sub.outbound().flushedPackets()).contains(received);
    }

    @Test
    void messagesOfOneReadCycleAreFlushedOncePerSubscriber() {
        TestClient sub = subscriber("s", "t", 0);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        int flushesBefore = sub.outbound().flushes();
        pub.send(publish("t", 0, 0, "1"), publish("t", 0, 0, "2"), publish("t", 0, 0, "3"));
        assertThat(sub.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("1", "2", "3");
        assertThat(sub.outbound().flushes() - flushesBefore).isEqualTo(1);
    }

    @Test
    void nonMatchingSubscriberGetsNothing() {
        TestClient sub = subscriber("s", "a/+", 0);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("a/b/c", 0, 0, "x"));
        assertThat(sub.received()).isEmpty();
    }

    @Test
    void clientPublishToSysTopicIsDropped() {
        TestClient sub = subscriber("s", "$SYS/#", 0);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("$SYS/broker/version", 0, 0, "fake"));
        assertThat(sub.received()).isEmpty();
        assertThat(pub.isClosed()).isFalse();
    }

    @Test
    void inProcessPublishIsRouted() {
        TestClient sub = subscriber("s", "#", 0);
        harness.core.publish(
                new io.cicada.broker.message.Message("x/y", 0, false, Payload.utf8("p"), Properties.EMPTY, null, 0));
        harness.runAll();
        assertThat(sub.last(Publish.class).topic()).isEqualTo("x/y");
    }

    @Test
    void topicAliasIsResolvedPerConnection() {
        TestClient sub = subscriber("s", "long/topic", 0);
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        Properties alias = Properties.builder().topicAlias(3).build();
        pub.send(new Publish("long/topic", 0, false, false, 0, alias, Payload.utf8("1")));
        pub.send(new Publish("", 0, false, false, 0, alias, Payload.utf8("2")));
        assertThat(sub.received(Publish.class)).extracting(Publish::topic).containsExactly("long/topic", "long/topic");
        assertThat(sub.received(Publish.class).get(1).properties().topicAlias()).isNull();
    }

    @Test
    void topicAliasAboveTheMaximumIsRefusedWith0x94() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(new Publish(
                "t", 0, false, false, 0, Properties.builder().topicAlias(11).build(), Payload.EMPTY));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID); // [MQTT-3.3.2-9]
        assertThat(pub.isClosed()).isTrue();
    }

    @Test
    void topicAliasZeroIsRefusedWith0x94() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(new Publish(
                "t", 0, false, false, 0, Properties.builder().topicAlias(0).build(), Payload.EMPTY));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID); // [MQTT-3.3.2-8]
    }

    @Test
    void unknownTopicAliasWithEmptyTopicIsAProtocolError() {
        TestClient pub = harness.client();
        pub.connect(connect5("p"));
        pub.send(new Publish(
                "", 0, false, false, 0, Properties.builder().topicAlias(2).build(), Payload.EMPTY));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void publishAboveMaximumQosIsRefusedWith0x9B() {
        CoreHarness limited = new CoreHarness(
                BrokerSettings.builder().sysIntervalSeconds(0).maximumQos(1).build());
        TestClient pub = limited.client();
        pub.connect(connect5("p"));
        pub.send(publish("t", 2, 1, "x"));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
    }

    @Test
    void retainedPublishIsRefusedWith0x9AWhenRetainIsNotAvailable() {
        CoreHarness limited = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .retainAvailable(false)
                .build());
        TestClient pub = limited.client();
        pub.connect(connect5("p"));
        pub.send(Packets.retained("t", 0, 0, "x"));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
    }

    @Test
    void messagesAreCountedInTheStats() {
        subscriber("s", "t", 0);
        TestClient pub = harness.client();
        pub.connect(connect311("p"));
        pub.send(publish("t", 0, 0, "abc"));
        assertThat(harness.core.stats().messagesReceived()).isEqualTo(1);
        assertThat(harness.core.stats().bytesReceived()).isEqualTo(3);
        assertThat(harness.core.stats().messagesSent()).isEqualTo(1);
    }
}
