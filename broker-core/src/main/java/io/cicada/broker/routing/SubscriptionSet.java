package io.cicada.broker.routing;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The subscriptions of one topic filter, at most one per subscriber (by identity). Read by any thread without a lock
 * or an allocation in the common case; written only by the owning {@link TopicNode}'s writers, under its monitor.
 *
 * <p>Most filters have a handful of subscribers, so the set is a copy-on-write array, which {@link #forEach} walks
 * without allocating; past {@value #ARRAY_LIMIT} entries it switches to a concurrent map keyed by identity, so that a
 * filter with many thousands of subscribers does not copy the array on every subscribe. Both forms live in the one
 * volatile field {@link #entries}, so a reader always sees one complete form, never half of a switch.
 */
final class SubscriptionSet {
    static final int ARRAY_LIMIT = 8;

    /** Null when empty, a {@code TopicSubscription[]} (never modified once published), or a concurrent map. */
    private volatile Object entries;

    /** Calls {@code visitor} for each subscription. Lock-free, weakly consistent with concurrent writes. */
    void forEach(Consumer<TopicSubscription> visitor) {
        Object current = entries;
        if (current instanceof TopicSubscription[] array) {
            for (TopicSubscription subscription : array) {
                visitor.accept(subscription);
            }
        } else if (current != null) {
            asMap(current).values().forEach(visitor);
        }
    }

    boolean isEmpty() {
        return entries == null;
    }

    /** Adds or replaces the subscriber's subscription; returns the replaced one or null. Caller holds the lock. */
    TopicSubscription put(TopicSubscription subscription) {
        Object current = entries;
        Subscriber subscriber = subscription.subscriber();
        if (current == null) {
            entries = new TopicSubscription[] {subscription};
            return null;
        }
        if (!(current instanceof TopicSubscription[] array)) {
            return asMap(current).put(new SubscriberKey(subscriber), subscription);
        }
        int index = indexOf(array, subscriber);
        if (index >= 0) {
            TopicSubscription[] copy = array.clone();
            copy[index] = subscription;
            entries = copy;
            return array[index];
        }
        if (array.length < ARRAY_LIMIT) {
            TopicSubscription[] copy = Arrays.copyOf(array, array.length + 1);
            copy[array.length] = subscription;
            entries = copy;
        } else {
            ConcurrentHashMap<SubscriberKey, TopicSubscription> map = new ConcurrentHashMap<>();
            for (TopicSubscription existing : array) {
                map.put(new SubscriberKey(existing.subscriber()), existing);
            }
            map.put(new SubscriberKey(subscriber), subscription);
            entries = map;
        }
        return null;
    }

    /** Removes the subscriber's subscription; returns it or null. Caller holds the lock. */
    TopicSubscription remove(Subscriber subscriber) {
        Object current = entries;
        if (current == null) {
            return null;
        }
        if (!(current instanceof TopicSubscription[] array)) {
            ConcurrentHashMap<SubscriberKey, TopicSubscription> map = asMap(current);
            TopicSubscription removed = map.remove(new SubscriberKey(subscriber));
            if (removed != null && map.size() <= ARRAY_LIMIT / 2) {
                // Back to an array, with room to grow again before the next switch.
                entries = map.isEmpty() ? null : map.values().toArray(new TopicSubscription[0]);
            }
            return removed;
        }
        int index = indexOf(array, subscriber);
        if (index < 0) {
            return null;
        }
        if (array.length == 1) {
            entries = null;
        } else {
            TopicSubscription[] copy = new TopicSubscription[array.length - 1];
            System.arraycopy(array, 0, copy, 0, index);
            System.arraycopy(array, index + 1, copy, index, array.length - index - 1);
            entries = copy;
        }
        return array[index];
    }

    private static int indexOf(TopicSubscription[] array, Subscriber subscriber) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].subscriber() == subscriber) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentHashMap<SubscriberKey, TopicSubscription> asMap(Object entries) {
        return (ConcurrentHashMap<SubscriberKey, TopicSubscription>) entries;
    }

    /** A subscriber compared by identity, as the {@link Subscriber} contract requires. */
    private record SubscriberKey(Subscriber subscriber) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SubscriberKey key && key.subscriber == subscriber;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(subscriber);
        }
    }
}
