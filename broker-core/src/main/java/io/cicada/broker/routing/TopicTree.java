package io.cicada.broker.routing;

import java.util.function.Consumer;

/** Placeholder: the signatures of the subscription trie; the implementation follows. */
public final class TopicTree {

    public TopicTree() {}

    /** Adds, or replaces the subscription with the same subscriber and filter; returns the replaced one or null. */
    public TopicSubscription subscribe(TopicSubscription subscription) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Removes subscriber's subscription to exactly this filter; true if there was one. */
    public boolean unsubscribe(Subscriber subscriber, String topicFilter) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Calls visitor once for every subscription whose filter matches topicName. Lock-free, allocation-light. */
    public void match(String topicName, Consumer<TopicSubscription> visitor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int subscriptionCount() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
