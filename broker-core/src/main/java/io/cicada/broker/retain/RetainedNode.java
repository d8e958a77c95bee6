package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of a retained topic name in the {@link InMemoryRetainedStore} trie: its child levels and the message
 * retained for the topic ending here. Read by any thread without a lock; written only under the store's write lock.
 */
final class RetainedNode {
    /** The parent node, or null for the root. */
    final RetainedNode parent;
    /** This node's topic level; empty for the root (and for empty levels). */
    final String level;

    private volatile ConcurrentHashMap<String, RetainedNode> children;
    private volatile Message message;

    RetainedNode(RetainedNode parent, String level) {
        this.parent = parent;
        this.level = level;
    }

    Message message() {
        return message;
    }

    /** Sets or clears the message; the caller holds the store's write lock. */
    void message(Message message) {
        this.message = message;
    }

    RetainedNode child(String level) {
        ConcurrentHashMap<String, RetainedNode> map = children;
        return map == null ? null : map.get(level);
    }

    /** The child levels; never null. Lock-free, weakly consistent. */
    Iterable<RetainedNode> children() {
        ConcurrentHashMap<String, RetainedNode> map = children;
        return map == null ? List.of() : map.values();
    }

    /** The child for {@code level}, created if absent; the caller holds the store's write lock. */
    RetainedNode childOrCreate(String level) {
        RetainedNode child = child(level);
        if (child == null) {
            if (children == null) {
                children = new ConcurrentHashMap<>();
            }
            child = new RetainedNode(this, level);
            children.put(level, child);
        }
        return child;
    }

    /** Unlinks {@code child}; the caller holds the store's write lock. */
    void removeChild(RetainedNode child) {
        ConcurrentHashMap<String, RetainedNode> map = children;
        if (map != null) {
            map.remove(child.level, child);
            if (map.isEmpty()) {
                children = null;
            }
        }
    }

    /** True when the node holds no message and has no children; the caller holds the store's write lock. */
    boolean isEmpty() {
        return message == null && children == null;
    }
}
