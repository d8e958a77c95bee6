package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscriptions of one filter across the switch between its array and map forms. */
class SubscriptionSetTest {
    private final SubscriptionSet set = new SubscriptionSet();

    private static TopicSubscription subscription(Subscriber who, int qos) {
        return new TopicSubscription(who, "f", Subscription.of("f", qos), 0);
    }

    private List<TopicSubscription> contents() {
        List<TopicSubscription> seen = new ArrayList<>();
        set.forEach(seen::add);
        return seen;
    }

    @Test
    void growsPastTheArrayLimitAndShrinksBackWithoutLosingAnything() {
        List<Subscriber> subscribers = new ArrayList<>();
        List<TopicSubscription> added = new ArrayList<>();
        for (int i = 0; i < 3 * SubscriptionSet.ARRAY_LIMIT; i++) {
            Subscriber subscriber = new NamedSubscriber("c" + i);
            subscribers.add(subscriber);
            TopicSubscription subscription = subscription(subscriber, 0);
            added.add(subscription);
            assertThat(set.put(subscription)).isNull();
            assertThat(contents()).containsExactlyInAnyOrderElementsOf(added);
        }
        for (int i = 0; i < subscribers.size(); i++) {
            assertThat(set.remove(subscribers.get(i))).isSameAs(added.get(i));
            assertThat(set.remove(subscribers.get(i))).isNull();
            assertThat(contents()).containsExactlyInAnyOrderElementsOf(added.subList(i + 1, added.size()));
        }
        assertThat(set.isEmpty()).isTrue();
    }

    @Test
    void replacesBySubscriberIdentityInBothForms() {
        for (int size : new int[] {1, SubscriptionSet.ARRAY_LIMIT + 1}) {
            SubscriptionSet fresh = new SubscriptionSet();
            List<Subscriber> subscribers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Subscriber subscriber = new NamedSubscriber("same-name");
                subscribers.add(subscriber);
                assertThat(fresh.put(subscription(subscriber, 0))).isNull();
            }
            TopicSubscription old = subscription(subscribers.get(0), 0);
            fresh.put(old);
            TopicSubscription replacement = subscription(subscribers.get(0), 2);

            assertThat(fresh.put(replacement)).isSameAs(old);

            List<TopicSubscription> seen = new ArrayList<>();
            fresh.forEach(seen::add);
            // The subscriber records are all equal, so look for the subscriptions by identity.
            assertThat(seen).hasSize(size);
            assertThat(seen).anyMatch(s -> s == replacement).noneMatch(s -> s == old);
        }
    }

    @Test
    void removingAnUnknownSubscriberChangesNothing() {
        Subscriber known = new NamedSubscriber("known");
        set.put(subscription(known, 1));

        assertThat(set.remove(new NamedSubscriber("known"))).isNull();
        assertThat(contents()).extracting(TopicSubscription::subscriber).containsExactly(known);
    }
}
