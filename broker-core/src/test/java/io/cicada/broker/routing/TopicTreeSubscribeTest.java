package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.mqtt.packet.Subscription;
import io.cicada.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Adding, replacing and removing subscriptions, the count, and pruning of empty nodes. */
class TopicTreeSubscribeTest {
    private final TopicTree tree = new TopicTree();
    private final Subscriber alice = new NamedSubscriber("alice");
    private final Subscriber bob = new NamedSubscriber("bob");

    private static TopicSubscription subscription(Subscriber who, String filter, int qos) {
        return new TopicSubscription(who, filter, Subscription.of(filter, qos), 0);
    }

    private List<TopicSubscription> match(String topic) {
        List<TopicSubscription> seen = new ArrayList<>();
        tree.match(topic, seen::add);
        return seen;
    }

    @Test
    void newSubscriptionReturnsNullAndIsCounted() {
        assertThat(tree.subscribe(subscription(alice, "a/b", 0))).isNull();
        assertThat(tree.subscribe(subscription(alice, "a/+", 0))).isNull();
        assertThat(tree.subscribe(subscription(bob, "a/b", 0))).isNull();

        assertThat(tree.subscriptionCount()).isEqualTo(3);
        assertThat(match("a/b")).hasSize(3);
    }

    @Test
    void sameSubscriberAndFilterReplacesTheSubscription() {
        // [MQTT-3.8.4-3] a subscription with the same filter replaces the existing one
        TopicSubscription first = subscription(alice, "a/b", 0);
        TopicSubscription second = new TopicSubscription(alice, "a/b", Subscription.of("a/b", 2), 7);
        tree.subscribe(first);

        assertThat(tree.subscribe(second)).isSameAs(first);
        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(match("a/b")).containsExactly(second);
    }

    @Test
    void subscribersAreComparedByIdentityNotByEquality() {
        Subscriber aliceAgain = new NamedSubscriber("alice");
        assertThat(aliceAgain).isEqualTo(alice);

        tree.subscribe(subscription(alice, "a", 0));
        assertThat(tree.subscribe(subscription(aliceAgain, "a", 1))).isNull();

        assertThat(tree.subscriptionCount()).isEqualTo(2);
        assertThat(tree.unsubscribe(aliceAgain, "a")).isTrue();
        assertThat(match("a")).extracting(TopicSubscription::subscriber).containsExactly(alice);
    }

    @Test
    void unsubscribeRemovesOnlyThatSubscribersFilter() {
        tree.subscribe(subscription(alice, "a/b", 0));
        tree.subscribe(subscription(alice, "a/+", 0));
        tree.subscribe(subscription(bob, "a/b", 0));

        assertThat(tree.unsubscribe(alice, "a/b")).isTrue();

        assertThat(tree.subscriptionCount()).isEqualTo(2);
        assertThat(match("a/b"))
                .extracting(s -> s.subscriber().clientId() + " " + s.topicFilter())
                .containsExactlyInAnyOrder("alice a/+", "bob a/b");
    }

    @Test
    void unsubscribeOfAnUnknownSubscriptionReturnsFalse() {
        tree.subscribe(subscription(alice, "a/b", 0));

        assertThat(tree.unsubscribe(bob, "a/b")).isFalse();
        assertThat(tree.unsubscribe(alice, "a/c")).isFalse();
        assertThat(tree.unsubscribe(alice, "a/b/c")).isFalse();
        assertThat(tree.unsubscribe(alice, "a")).isFalse();
        assertThat(tree.unsubscribe(alice, "a/b")).isTrue();
        assertThat(tree.unsubscribe(alice, "a/b")).isFalse();
        assertThat(tree.subscriptionCount()).isZero();
    }

    @Test
    void unsubscribeComparesFiltersLiterallyWithoutWildcardMatching() {
        // [MQTT-3.10.4-1] the filters are compared character by character
        tree.subscribe(subscription(alice, "a/b", 0));
        tree.subscribe(subscription(alice, "a/+", 0));

        assertThat(tree.unsubscribe(alice, "a/#")).isFalse();
        assertThat(tree.unsubscribe(alice, "a/+")).isTrue();
        assertThat(match("a/b")).extracting(TopicSubscription::topicFilter).containsExactly("a/b");
    }

    @Test
    void unsubscribingEverythingPrunesEveryNode() {
        List<String> filters = List.of("a/b/c", "a/b", "a/+/c", "a/#", "#", "+", "/x//y/", "$SYS/#", "a/b/c/d/e");
        for (String filter : filters) {
            tree.subscribe(subscription(alice, filter, 0));
            tree.subscribe(subscription(bob, filter, 0));
        }
        assertThat(tree.nodeCount()).isPositive();

        for (String filter : filters) {
            assertThat(tree.unsubscribe(alice, filter)).isTrue();
            assertThat(tree.unsubscribe(bob, filter)).isTrue();
        }

        assertThat(tree.subscriptionCount()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void pruningKeepsNodesThatOthersStillUse() {
        tree.subscribe(subscription(alice, "a/b/c/d", 0));
        tree.subscribe(subscription(alice, "a/b", 0));
        tree.subscribe(subscription(alice, "a/+/x", 0));

        tree.unsubscribe(alice, "a/b/c/d");

        assertThat(tree.nodeCount()).as("a, a/b, a/+, a/+/x").isEqualTo(4);
        assertThat(match("a/b")).hasSize(1);
        assertThat(match("a/q/x")).hasSize(1);

        tree.unsubscribe(alice, "a/+/x");
        assertThat(tree.nodeCount()).as("a, a/b").isEqualTo(2);

        tree.unsubscribe(alice, "a/b");
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void subscribingAgainAfterPruningWorks() {
        tree.subscribe(subscription(alice, "a/b", 0));
        tree.unsubscribe(alice, "a/b");
        assertThat(tree.nodeCount()).isZero();

        tree.subscribe(subscription(bob, "a/b", 1));

        assertThat(match("a/b")).extracting(TopicSubscription::subscriber).containsExactly(bob);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "+sport", "a/b+/c", "#/a", "##", "a/++"
            })
    void malformedFiltersAreRejected(String filter) {
        // [MQTT-4.7.3-1] non-empty, [MQTT-4.7.1-1] '#' last and alone, [MQTT-4.7.1-2] '+' a whole level
        assertThatThrownBy(() -> tree.subscribe(subscription(alice, filter, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.unsubscribe(alice, filter)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.nodeCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#",
                "+",
                "/",
                "//",
                "sport/tennis/#",
                "+/tennis/#",
                "sport/+/player1",
                "+/+",
                "/+",
                "$SYS/#",
                "a/$b"
            })
    void wellFormedFiltersAreAccepted(String filter) {
        assertThat(tree.subscribe(subscription(alice, filter, 0))).isNull();
        assertThat(tree.unsubscribe(alice, filter)).isTrue();
    }

    @Test
    void sharedSubscriptionLivesOnItsInnerFilterAndIsPrunedWhenTheGroupEmpties() {
        assertThat(tree.subscribe(subscription(alice, "$share/group/a/b", 0))).isNull();
        assertThat(tree.nodeCount()).isEqualTo(2); // a, b: the share name is not a level
        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(tree.unsubscribe(alice, "a/b")).isFalse(); // a plain subscription is another one
        assertThat(tree.unsubscribe(alice, "$share/other/a/b")).isFalse();
        assertThat(tree.unsubscribe(alice, "$share/group/a/b")).isTrue();
        assertThat(tree.nodeCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share//a", "$share/g", "$share/g/", "$share/g+/a", "$share/g#/a", "$share/g/a/#/b"})
    @Spec({"MQTT-4.8.2-1", "MQTT-4.8.2-2"})
    void malformedSharedFiltersAreRefused(String filter) {
        // [MQTT-4.8.2-1] a non-empty share name; [MQTT-4.8.2-2] no / + # in it, then "/" and a valid filter
        assertThatThrownBy(() -> tree.subscribe(subscription(alice, filter, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.nodeCount()).isZero();
    }
}
