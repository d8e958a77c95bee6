package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.topic.Topics;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Holds retained messages in memory: a map from topic name to message for exact look-ups, and a trie of topic levels
 * for wildcard filters, so that neither scans every retained message. Thread-safe: reads take no lock; writes
 * serialise on one lock (retained writes are rare next to matches, and one lock makes pruning the trie trivially
 * safe). Nothing survives a restart. A shared-subscription filter ({@code $share/...}) is matched literally, like any
 * other: callers pass the filter inside it.
 */
public final class InMemoryRetainedStore implements RetainedStore {
    private final ConcurrentHashMap<String, Message> byTopic = new ConcurrentHashMap<>();
    private final RetainedNode root = new RetainedNode(null, "");
    private final Object writeLock = new Object();

    public InMemoryRetainedStore() {}

    @Override
    public void put(Message message) {
        String topic = message.topic();
        Objects.requireNonNull(topic, "topic");
        synchronized (writeLock) {
            RetainedNode node = root;
            int start = 0;
            int length = topic.length();
            while (start <= length) {
                int end = TopicFilterWalk.levelEnd(topic, start);
                node = node.childOrCreate(topic.substring(start, end));
                start = end + 1;
            }
            node.message(message);
            byTopic.put(topic, message);
        }
    }

    @Override
    public void remove(String topic) {
        synchronized (writeLock) {
            if (byTopic.remove(topic) != null) {
                clearNode(topic);
            }
        }
    }

    @Override
    public boolean remove(String topic, Message expected) {
        synchronized (writeLock) {
            if (!byTopic.remove(topic, expected)) {
                return false;
            }
            clearNode(topic);
            return true;
        }
    }

    @Override
    public Message get(String topic) {
        return byTopic.get(topic);
    }

    @Override
    public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
        // [MQTT-4.7.3-1] non-empty, [MQTT-4.7.1-1] '#' only as the whole last level, [MQTT-4.7.1-2] '+' a whole level
        if (!Topics.isValidTopicFilter(topicFilter)) {
            throw new IllegalArgumentException("malformed topic filter: " + topicFilter);
        }
        if (!Topics.hasWildcard(topicFilter)) {
            Message message = byTopic.get(topicFilter);
            if (message != null) {
                visitor.accept(message);
            }
            return;
        }
        new TopicFilterWalk(topicFilter).run(root, visitor);
    }

    @Override
    public int size() {
        return byTopic.size();
    }

    /** Clears the message of {@code topic}'s node and prunes the nodes left empty; holds the write lock. */
    private void clearNode(String topic) {
        RetainedNode node = root;
        int start = 0;
        int length = topic.length();
        while (start <= length && node != null) {
            int end = TopicFilterWalk.levelEnd(topic, start);
            node = node.child(topic.substring(start, end));
            start = end + 1;
        }
        if (node == null) {
            return;
        }
        node.message(null);
        while (node.parent != null && node.isEmpty()) {
            node.parent.removeChild(node);
            node = node.parent;
        }
    }
}
