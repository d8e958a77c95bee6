package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static io.cicada.broker.connection.Packets.will;
import static io.cicada.broker.connection.Packets.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import org.junit.jupiter.api.Test;

/** max_topic_levels, max_topic_length and max_subscriptions_per_client on the core. */
class TopicAndSubscriptionLimitTest {
    private final CoreHarness harness = new CoreHarness(BrokerSettings.builder()
            .sysIntervalSeconds(0)
            .limits(ClientLimits.builder()
                    .maxTopicLevels(3)
                    .maxTopicLength(20)
                    .maxSubscriptions(2)
                    .build())
            .build());

    @Test
    void publishOverTheLevelsGetsTopicNameInvalidInMqtt5() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(connect5("sub"));
        sub.send(subscribe(1, "#", 2));
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));

        pub.send(publish("a/b/c/d", 1, 1, "x"), publish("a/b/c/d", 2, 2, "x"), publish("a/b/c", 1, 3, "x"));

        assertThat(pub.received(PubAck.class))
                .extracting(PubAck::reasonCode)
                .containsExactly(ReasonCode.TOPIC_NAME_INVALID, ReasonCode.SUCCESS);
        assertThat(pub.last(PubRec.class).reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(sub.received(Publish.class)).extracting(Publish::topic).containsExactly("a/b/c");
        assertThat(harness.core.stats().limitHits(Limit.TOPIC_LEVELS)).isEqualTo(2);
    }

    @Test
    void qos0PublishOverTheLengthIsDisconnectedWithTopicNameInvalidInMqtt5() {
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        pub.send(publish("x".repeat(21), 0, 0, "x"));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(pub.isClosed()).isTrue();
        assertThat(harness.core.stats().limitHits(Limit.TOPIC_LENGTH)).isEqualTo(1);
    }

    @Test
    void mqtt311PublishOverTheLevelsClosesTheConnection() {
        TestClient pub = harness.client();
        pub.connect(connect311("pub"));
        pub.send(publish("a/b/c/d", 1, 1, "x"));
        assertThat(pub.received(PubAck.class)).isEmpty();
        assertThat(pub.isClosed()).isTrue();
    }

    @Test
    void subscribeOverTheBoundsGetsTopicFilterInvalidPerFilter() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(subscribe(
                1, Subscription.of("a/+/c/#", 1), Subscription.of("a/#", 1), Subscription.of("y".repeat(21), 0)));
        assertThat(client.last(SubAck.class).reasonCodes())
                .containsExactly(ReasonCode.TOPIC_FILTER_INVALID, 1, ReasonCode.TOPIC_FILTER_INVALID);
        assertThat(harness.core.stats().limitHits(Limit.TOPIC_LEVELS)).isEqualTo(1);
        assertThat(harness.core.stats().limitHits(Limit.TOPIC_LENGTH)).isEqualTo(1);
    }

    @Test
    void subscriptionsOverTheLimitGetQuotaExceededAndResubscribingDoesNotCount() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(subscribe(1, Subscription.of("a", 1), Subscription.of("b", 1), Subscription.of("c", 1)));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(1, 1, ReasonCode.QUOTA_EXCEEDED);

        client.send(subscribe(2, Subscription.of("a", 2), Subscription.of("b", 0)));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(2, 0);
        client.send(subscribe(3, "c", 1));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.QUOTA_EXCEEDED);
        assertThat(harness.core.stats().limitHits(Limit.SUBSCRIPTIONS)).isEqualTo(2);
    }

    @Test
    void mqtt311SubscriptionsOverTheLimitGetFailure() {
        TestClient client = harness.client();
        client.connect(connect311("c"));
        client.send(subscribe(1, Subscription.of("a", 1), Subscription.of("b", 1), Subscription.of("c", 1)));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(1, 1, ReasonCode.V3_SUBACK_FAILURE);
    }

    @Test
    void willTopicOverTheLevelsIsRefusedAtConnect() {
        TestClient client = harness.client();
        ConnAck connAck = client.connect(withWill(connect5("c"), will("a/b/c/d", "gone")));
        assertThat(connAck.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(client.isClosed()).isTrue();
    }
}
