package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.function.Consumer;

/**
 * Storage port for retained messages, one per topic name: {@link InMemoryRetainedStore} here, a durable one later.
 * Implementations are thread-safe. The store only stores and matches; the rules about what gets retained and what has
 * expired live in {@link RetainedMessages}.
 */
public interface RetainedStore {

    /** Stores {@code message} under {@code message.topic()}, replacing any message stored there. */
    void put(Message message);

    /** Removes the message stored under {@code topic}, if any. */
    void remove(String topic);

    /** The message stored under exactly {@code topic}, or null. */
    Message get(String topic);

    /**
     * Calls {@code visitor} once for every stored message whose topic matches {@code topicFilter} under the rules of
     * §4.7 (wildcards, and topics starting with {@code $} not matched by a leading wildcard).
     */
    void forEachMatching(String topicFilter, Consumer<Message> visitor);

    /** The number of stored messages. */
    int size();
}
