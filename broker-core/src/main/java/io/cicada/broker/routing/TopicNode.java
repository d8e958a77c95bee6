package io.cicada.broker.routing;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One level of a topic filter in the {@link TopicTree}: the exact-level children, the {@code +} and {@code #} child
 * slots, and the subscriptions whose filter ends here. Read by any thread without a lock (every field a reader uses is
 * volatile or a concurrent map); written only while holding this node's monitor, and a node is detached from its
 * parent only while holding the parent's monitor and then its own (always in that order).
 *
 * <p>Once {@link #detached} is set the node is unreachable from the root and never changes again: a writer that finds
 * a detached node restarts from the root. Invariant: a node that is not detached has a parent that is not detached and
 * holds it in one of its child slots, so a writer that adds to a non-detached node under its monitor adds to the live
 * tree.
 */
final class TopicNode {
    static final String SINGLE_LEVEL = "+";
    static final String MULTI_LEVEL = "#";

    /** The parent node, or null for the root. */
    final TopicNode parent;
    /** This node's level in the filter: a name, {@code "+"} or {@code "#"}; empty for the root. */
    final String level;

    private volatile ConcurrentHashMap<String, TopicNode> children;
    private volatile TopicNode singleLevel;
    private volatile TopicNode multiLevel;
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    /** Shared subscription groups on this node's filter, by share name; null while there are none. */
    private volatile ConcurrentHashMap<String, SharedGroup> groups;

    /** True once unlinked from the parent; guarded by this node's monitor. */
    boolean detached;

    TopicNode(TopicNode parent, String level) {
        this.parent = parent;
        this.level = level;
    }

    /** The exact-level child for {@code key} (a {@code String} or a {@link LevelKey}), or null. Lock-free. */
    TopicNode child(Object key) {
        ConcurrentHashMap<String, TopicNode> map = children;
        return map == null ? null : map.get(key);
    }

    /** The {@code +} child, or null. Lock-free. */
    TopicNode singleLevelChild() {
        return singleLevel;
    }

    /** The {@code #} child, or null. Lock-free. */
    TopicNode multiLevelChild() {
        return multiLevel;
    }

    /** The child in the slot for {@code level} (wildcard slot or exact name), or null. Lock-free. */
    TopicNode childFor(String level) {
        if (SINGLE_LEVEL.equals(level)) {
            return singleLevel;
        }
        if (MULTI_LEVEL.equals(level)) {
            return multiLevel;
        }
        return child(level);
    }

    /**
     * The child for {@code level}, created if absent; null when this node is detached (the caller restarts from the
     * root). An existing child is returned without locking and may itself be detached; the caller finds out when it
     * next locks it.
     */
    TopicNode childOrCreate(String level) {
        TopicNode existing = childFor(level);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (detached) {
                return null;
            }
            TopicNode child = childFor(level);
            if (child == null) {
                child = new TopicNode(this, level);
                attach(child);
            }
            return child;
        }
    }

    private void attach(TopicNode child) {
        if (SINGLE_LEVEL.equals(child.level)) {
            singleLevel = child;
        } else if (MULTI_LEVEL.equals(child.level)) {
            multiLevel = child;
        } else {
            if (children == null) {
                children = new ConcurrentHashMap<>();
            }
            children.put(child.level, child);
        }
    }

    /** Unlinks {@code child}; the caller holds this node's monitor and the child's. */
    void detach(TopicNode child) {
        child.detached = true;
        if (singleLevel == child) {
            singleLevel = null;
        } else if (multiLevel == child) {
            multiLevel = null;
        } else if (children != null) {
            children.remove(child.level, child);
            if (children.isEmpty()) {
                children = null;
            }
        }
    }

    /** Adds or replaces {@code subscription}; returns the replaced one or null. The caller holds this monitor. */
    TopicSubscription put(TopicSubscription subscription) {
        return subscriptions.put(subscription);
    }

    /** Removes the subscriber's subscription; returns it or null. The caller holds this monitor. */
    TopicSubscription remove(Subscriber subscriber) {
        return subscriptions.remove(subscriber);
    }

    /** Calls {@code visitor} for each subscription ending at this node. Lock-free, weakly consistent. */
    void forEachSubscription(Consumer<TopicSubscription> visitor) {
        subscriptions.forEach(visitor);
    }

    /**
     * Adds or replaces {@code subscription} as a member of the shared group {@code name}, creating the group; returns
     * the replaced member subscription or null. The caller holds this monitor.
     */
    TopicSubscription putShared(String name, String filter, SharingStrategy strategy, TopicSubscription subscription) {
        if (groups == null) {
            groups = new ConcurrentHashMap<>();
        }
        return groups.computeIfAbsent(name, n -> new SharedGroup(n, filter, strategy))
                .put(subscription);
    }

    /** The shared group {@code name} at this node, or null. Lock-free. */
    SharedGroup group(String name) {
        ConcurrentHashMap<String, SharedGroup> map = groups;
        return map == null ? null : map.get(name);
    }

    /** Removes the subscriber from the shared group {@code name}; returns its subscription or null. Holds monitor. */
    TopicSubscription removeShared(String name, Subscriber subscriber) {
        ConcurrentHashMap<String, SharedGroup> map = groups;
        SharedGroup group = map == null ? null : map.get(name);
        if (group == null) {
            return null;
        }
        TopicSubscription removed = group.remove(subscriber);
        if (group.isEmpty()) {
            map.remove(name);
            if (map.isEmpty()) {
                groups = null;
            }
        }
        return removed;
    }

    /** Calls {@code visitor} for each shared group on this node. Lock-free, weakly consistent. */
    void forEachGroup(Consumer<SharedGroup> visitor) {
        ConcurrentHashMap<String, SharedGroup> map = groups;
        if (map != null) {
            map.values().forEach(visitor);
        }
    }

    /** The exact-level children, for walks over the whole tree; never null. Lock-free. */
    Iterable<TopicNode> exactChildren() {
        ConcurrentHashMap<String, TopicNode> map = children;
        return map == null ? List.of() : map.values();
    }

    /** True when nothing hangs off this node, so it can be pruned. The caller holds this monitor. */
    boolean isEmpty() {
        return subscriptions.isEmpty()
                && groups == null
                && children == null
                && singleLevel == null
                && multiLevel == null;
    }
}
