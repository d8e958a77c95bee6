package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.function.Consumer;

/**
 * Storage port for retained messages, at most one per topic name: {@link InMemoryRetainedStore} here, a durable one
 * later. Implementations are thread-safe and may be called from any thread. The store only stores and matches; the
 * rules about what gets retained and what has expired live in {@link RetainedMessages}.
 */
public interface RetainedStore {

    /** Stores {@code message} under {@code message.topic()}, replacing any message stored there. */
    void put(Message message);

    /** Removes the message stored under {@code topic}, if any. */
    void remove(String topic);

    /**
     * Removes the message stored under {@code topic} only if it is still {@code expected} (the same object), so that
     * dropping an expired message cannot drop a newer one stored meanwhile.
     *
     * @return true if {@code expected} was removed
     */
    boolean remove(String topic, Message expected);

    /** The message stored under exactly {@code topic}, or null. */
    Message get(String topic);

    /**
     * Calls {@code visitor} once for every stored message whose topic matches {@code topicFilter} under the rules of
     * MQTT §4.7: {@code +} is one level, {@code #} the rest including the parent level, and topics starting with
     * {@code $} are not matched by a filter starting with a wildcard [MQTT-4.7.2-1]. Weakly consistent with concurrent
     * writes.
     *
     * @throws IllegalArgumentException if the filter is malformed
     */
    void forEachMatching(String topicFilter, Consumer<Message> visitor);

    /** The number of stored messages. */
    int size();
}
