package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Owns the broker's retained-message rules over a {@link RetainedStore}: what a PUBLISH with RETAIN=1 stores or
 * clears, and which retained messages a new subscription is offered, minus those whose MQTT 5 Message Expiry Interval
 * has passed. Thread-safe: called from any event loop; the store does the synchronisation.
 *
 * <p>The caller (the router) decides when these rules apply: {@link #retain} only for a PUBLISH with RETAIN=1, since
 * one with RETAIN=0 must not store, remove or replace a retained message [MQTT-3.3.1-8]; {@link #forEachMatching}
 * only as the subscription's Retain Handling allows [MQTT-3.3.1-9..11]. The delivered copy's RETAIN flag and its
 * remaining expiry interval [MQTT-3.3.2-6] are set at delivery. Statement numbers are those of MQTT 5.0; 3.1.1 numbers
 * the empty-payload rules 3.3.1-10 and 3.3.1-11.
 */
public final class RetainedMessages {
    private final RetainedStore store;
    private final LongSupplier clockMillis;

    /**
     * @param store where retained messages are kept
     * @param clockMillis wall-clock milliseconds, the same clock as {@link Message#receivedAtMillis()}
     */
    public RetainedMessages(RetainedStore store, LongSupplier clockMillis) {
        this.store = store;
        this.clockMillis = clockMillis;
    }

    /**
     * Applies a PUBLISH with RETAIN=1: stores the message, replacing any retained message of its topic
     * [MQTT-3.3.1-5]; with an empty payload it removes the retained message instead and stores nothing
     * [MQTT-3.3.1-6] [MQTT-3.3.1-7].
     */
    public void retain(Message message) {
        if (message.payload().isEmpty()) {
            store.remove(message.topic());
        } else {
            store.put(message);
        }
    }

    /**
     * Calls {@code visitor} for each retained message whose topic matches {@code topicFilter} (wildcards, and the
     * {@code $} rule [MQTT-4.7.2-1]) and whose Message Expiry Interval has not passed; expired ones are dropped from
     * the store instead [MQTT-3.3.2-5].
     *
     * @throws IllegalArgumentException if the filter is malformed
     */
    public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
        long now = clockMillis.getAsLong();
        List<Message> expired = new ArrayList<>(0);
        store.forEachMatching(topicFilter, message -> {
            if (isExpired(message, now)) {
                expired.add(message);
            } else {
                visitor.accept(message);
            }
        });
        for (Message message : expired) {
            store.remove(message.topic(), message);
        }
    }

    /** The number of retained messages held, including expired ones not yet dropped. */
    public int count() {
        return store.size();
    }

    /** True once more than the message's expiry interval has passed since the broker received it. */
    static boolean isExpired(Message message, long nowMillis) {
        Long intervalSeconds =
                message.properties() == null ? null : message.properties().messageExpiryInterval();
        if (intervalSeconds == null) {
            return false;
        }
        return nowMillis - message.receivedAtMillis() > intervalSeconds * 1000L;
    }
}
