package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.topic.Topics;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds retained messages in memory: a map from topic name to message for exact look-ups, and a trie of topic levels
 * for wildcard filters, so that neither scans every retained message. Thread-safe: reads take no lock; writes
 * serialise on one lock (retained writes are rare next to matches, and one lock makes pruning the trie trivially
 * safe). Nothing survives a restart. A shared-subscription filter ({@code $share/...}) is matched literally, like any
 * other: callers pass the filter inside it.
 *
 * <p>Limits ({@code max_retained_messages}, {@code max_retained_bytes}): a retained message that would take the store
 * past either is not retained; the message is still routed to its subscribers, the refusal is counted and logged
 * (once per crossing of the limit), and the publisher is not told (a PUBACK reports whether the PUBLISH was accepted,
 * and it was). A refused message for a topic that already has a retained message also clears that one, so that a new
 * subscriber is never offered a value older than the last one published. Replacing a topic's message never counts
 * against the message limit. The broker's own {@code $SYS} messages are exempt and not counted.
 */
public final class InMemoryRetainedStore implements RetainedStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryRetainedStore.class);

    private final ConcurrentHashMap<String, Message> byTopic = new ConcurrentHashMap<>();
    private final RetainedNode root = new RetainedNode(null, "");
    private final Object writeLock = new Object();
    private final int maxMessages;
    private final long maxBytes;
    private final LongAdder refused = new LongAdder();
    /** Bytes (payloads and topics) and messages held, {@code $SYS} aside; written under the write lock. */
    private volatile long bytes;

    private int count;
    /** Whether the last put was refused, so that a limit reached is logged once until a put fits again. */
    private boolean refusing;

    /** A store without limits. */
    public InMemoryRetainedStore() {
        this(0, 0);
    }

    /**
     * @param maxMessages the most retained messages held (0 = no limit)
     * @param maxBytes the most bytes of payload and topic held (0 = no limit)
     */
    public InMemoryRetainedStore(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    @Override
    public void put(Message message) {
        offer(message);
    }

    /**
     * Stores {@code message} as {@link #put} does, unless it does not fit the limits: then nothing is stored, a
     * message held for its topic is removed, and false is returned.
     */
    public boolean offer(Message message) {
        String topic = message.topic();
        Objects.requireNonNull(topic, "topic");
        synchronized (writeLock) {
            Message old = byTopic.get(topic);
            if (!limited(topic)) {
                store(message);
                return true;
            }
            long after = bytes - (old == null ? 0 : sizeOf(old)) + sizeOf(message);
            boolean tooMany = maxMessages > 0 && old == null && count >= maxMessages;
            boolean tooBig = maxBytes > 0 && after > maxBytes;
            if (tooMany || tooBig) {
                refuse(message, tooMany);
                if (old != null) {
                    remove(topic);
                }
                return false;
            }
            refusing = false;
            store(message);
            bytes = after;
            if (old == null) {
                count++;
            }
            return true;
        }
    }

    /** At start-up: holds a message read back from storage, whatever the limits (they apply to new messages). */
    public void restore(Message message) {
        synchronized (writeLock) {
            Message old = byTopic.get(message.topic());
            if (limited(message.topic())) {
                bytes += sizeOf(message) - (old == null ? 0 : sizeOf(old));
                count += old == null ? 1 : 0;
            }
            store(message);
        }
    }

    /** Retained messages not kept because of a limit. */
    public long refused() {
        return refused.sum();
    }

    /** Bytes of payload and topic held, {@code $SYS} aside. */
    public long bytes() {
        return bytes;
    }

    /** The broker's own {@code $SYS} messages are neither limited nor counted against the limits. */
    private static boolean limited(String topic) {
        return !topic.startsWith("$SYS/");
    }

    /** Forgets what {@code old} counted against the limits; holds the write lock. */
    private void uncount(Message old) {
        if (limited(old.topic())) {
            bytes -= sizeOf(old);
            count--;
        }
    }

    /** What a message counts against {@code max_retained_bytes}: its payload and its topic. */
    static long sizeOf(Message message) {
        return message.payload().size() + (long) message.topic().length();
    }

    private void refuse(Message message, boolean tooMany) {
        refused.increment();
        if (!refusing) {
            refusing = true;
            if (tooMany) {
                LOG.warn(
                        "max_retained_messages ({}) reached: a retained message for the new topic {} is routed but"
                                + " not retained",
                        maxMessages,
                        message.topic());
            } else {
                LOG.warn(
                        "max_retained_bytes ({}) reached: a retained message of {} bytes for {} is routed but not"
                                + " retained",
                        maxBytes,
                        sizeOf(message),
                        message.topic());
            }
        }
    }

    /** Puts {@code message} into the map and the trie; holds the write lock. */
    private void store(Message message) {
        String topic = message.topic();
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

    @Override
    public void remove(String topic) {
        synchronized (writeLock) {
            Message old = byTopic.remove(topic);
            if (old != null) {
                uncount(old);
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
            uncount(expected);
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
