package io.cicada.broker.routing;

import io.cicada.mqtt.topic.Topics;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Holds every subscription of the broker and matches topic names against their filters. Read ({@link #match}) by
 * every event loop without a lock; written ({@link #subscribe}, {@link #unsubscribe}) by any thread, with writers
 * locking one or two nodes at a time.
 *
 * <h2>A note on matching topic subscriptions</h2>
 *
 * <p>Topic names and filters are split into levels on {@code /}. Empty levels are real levels: {@code a//b} has the
 * three levels {@code a}, {@code ""}, {@code b}; {@code /a} starts with an empty level and {@code a/} ends with one.
 * Matching is case-sensitive and never normalises anything [MQTT-4.7.3-4].
 *
 * <ul>
 *   <li>{@code +} matches exactly one level, an empty one included: {@code sport/+} matches {@code sport/} but not
 *       {@code sport}; {@code +/+} matches {@code /finance}; {@code +} does not.
 *   <li>{@code #} matches the rest of the topic, including its parent level: {@code sport/#} matches {@code sport},
 *       {@code sport/} and {@code sport/tennis/player1} (§4.7.1.2); {@code #} alone matches every topic.
 *   <li>A topic starting with {@code $} (such as {@code $SYS/broker/uptime}) is not matched by a filter whose first
 *       level is {@code +} or {@code #} [MQTT-4.7.2-1]; {@code $SYS/#} and {@code $SYS/+/uptime} do match it.
 *   <li>{@code $share/{group}/{filter}} is a shared subscription (§4.8.2): it lives on the node of {@code filter}, in
 *       a {@link SharedGroup} named {@code group}, and matches exactly as {@code filter} does; but a match visits the
 *       group once, and the group picks the one member that gets the message ({@link SharingStrategy}). So
 *       {@code $share/g/sport/#} and {@code $share/h/sport/#} each get every message on {@code sport/tennis}, once
 *       per group, while a plain {@code sport/#} subscriber gets its own copy too.
 * </ul>
 *
 * <p>The tree has one {@link TopicNode} per filter level, with exact-level children in a concurrent map and separate
 * {@code +} and {@code #} slots, and the subscriptions of a filter on its last node (a {@link SubscriptionSet}).
 * {@link #match} walks the topic by index (no split, no substring), following at each level the exact child, the
 * {@code +} child and the {@code #} child, so its cost grows with the number of matching branches, not with the
 * number of subscriptions. Empty nodes are pruned on unsubscribe; see {@link TopicNode} for why pruning cannot lose a
 * concurrent subscribe. Statement numbers are those of MQTT 5.0 (3.1.1 numbers the two wildcard rules 4.7.1-2 and
 * 4.7.1-3).
 */
public final class TopicTree {
    private final TopicNode root = new TopicNode(null, "");
    private final AtomicInteger count = new AtomicInteger();
    private final SharingStrategy sharing;

    /** A tree whose shared groups pick members in turn. */
    public TopicTree() {
        this(SharingStrategy.ROUND_ROBIN);
    }

    /** A tree whose shared groups pick members with {@code sharing}. */
    public TopicTree(SharingStrategy sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    /**
     * Adds {@code subscription}, or replaces the one with the same subscriber (by identity) and the same filter
     * [MQTT-3.8.4-3].
     *
     * @return the replaced subscription, or null when the subscription is new
     * @throws IllegalArgumentException if the filter is malformed
     */
    public TopicSubscription subscribe(TopicSubscription subscription) {
        Objects.requireNonNull(subscription.subscriber(), "subscriber");
        String filter = subscription.topicFilter();
        checkFilter(filter);
        SharedName shared = SharedName.of(filter);
        if (shared != null) {
            filter = shared.filter();
        }
        while (true) {
            TopicNode node = nodeFor(filter);
            if (node == null) {
                continue;
            }
            synchronized (node) {
                if (node.detached) {
                    continue;
                }
                TopicSubscription replaced = shared == null
                        ? node.put(subscription)
                        : node.putShared(shared.group(), shared.filter(), sharing, subscription);
                if (replaced == null) {
                    count.incrementAndGet();
                }
                return replaced;
            }
        }
    }

    /**
     * Removes the subscriber's subscription to exactly {@code topicFilter} (compared character by character, wildcards
     * included) and prunes the nodes left empty.
     *
     * @return true if there was such a subscription
     * @throws IllegalArgumentException if the filter is malformed
     */
    public boolean unsubscribe(Subscriber subscriber, String topicFilter) {
        checkFilter(topicFilter);
        SharedName shared = SharedName.of(topicFilter);
        if (shared != null) {
            topicFilter = shared.filter();
        }
        TopicNode node = root;
        int start = 0;
        int length = topicFilter.length();
        while (start <= length && node != null) {
            int end = levelEnd(topicFilter, start);
            node = node.childFor(topicFilter.substring(start, end));
            start = end + 1;
        }
        if (node == null) {
            return false;
        }
        synchronized (node) {
            // A detached node held no subscriptions when it was detached and can never get any.
            TopicSubscription removed = node.detached
                    ? null
                    : shared == null ? node.remove(subscriber) : node.removeShared(shared.group(), subscriber);
            if (removed == null) {
                return false;
            }
            count.decrementAndGet();
        }
        prune(node);
        return true;
    }

    /**
     * The shared group that members of {@code $share/{group}/{filter}} form, or null when it has no member (or the
     * filter is not a well-formed shared one). Takes no lock.
     */
    public SharedGroup sharedGroup(String sharedFilter) {
        SharedName shared;
        try {
            checkFilter(sharedFilter);
            shared = SharedName.of(sharedFilter);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (shared == null) {
            return null;
        }
        String filter = shared.filter();
        TopicNode node = root;
        int start = 0;
        while (start <= filter.length() && node != null) {
            int end = levelEnd(filter, start);
            node = node.childFor(filter.substring(start, end));
            start = end + 1;
        }
        return node == null ? null : node.group(shared.group());
    }

    /**
     * Calls {@code visitor} once for every subscription whose filter matches {@code topicName}; a subscriber with
     * several matching filters is visited once per filter. For each matching shared group, visits the one member the
     * group chooses. Takes no lock; subscriptions changed during the call may or may not be seen. The topic name must
     * be valid (non-empty, no wildcards), which the codec checks.
     */
    public void match(String topicName, Consumer<TopicSubscription> visitor) {
        match(topicName, visitor, group -> {
            TopicSubscription chosen = group.choose(null);
            if (chosen != null) {
                visitor.accept(chosen);
            }
        });
    }

    /**
     * Like {@link #match(String, Consumer)}, but hands each matching shared group to {@code groups} instead of
     * choosing a member, so that the caller can keep shared deliveries apart from the others.
     */
    public void match(String topicName, Consumer<TopicSubscription> visitor, Consumer<SharedGroup> groups) {
        new Walk(topicName, visitor, groups).run(root);
    }

    /** The number of subscriptions held (each subscriber and filter pair counts once). */
    public int subscriptionCount() {
        return count.get();
    }

    /** The number of nodes below the root, for tests of pruning; walks the whole tree. */
    int nodeCount() {
        int nodes = 0;
        ArrayDeque<TopicNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TopicNode node = pending.pop();
            for (TopicNode child : node.exactChildren()) {
                pending.push(child);
            }
            if (node.singleLevelChild() != null) {
                pending.push(node.singleLevelChild());
            }
            if (node.multiLevelChild() != null) {
                pending.push(node.multiLevelChild());
            }
            nodes++;
        }
        return nodes - 1;
    }

    /** The node for every level of {@code filter}, created as needed; null if a concurrent prune got in the way. */
    private TopicNode nodeFor(String filter) {
        TopicNode node = root;
        int start = 0;
        int length = filter.length();
        while (start <= length && node != null) {
            int end = levelEnd(filter, start);
            node = node.childOrCreate(filter.substring(start, end));
            start = end + 1;
        }
        return node;
    }

    /** Detaches {@code node} and then each ancestor while they are empty, locking parent before child. */
    private void prune(TopicNode node) {
        while (node.parent != null) {
            TopicNode parent = node.parent;
            synchronized (parent) {
                synchronized (node) {
                    if (node.detached || !node.isEmpty()) {
                        return;
                    }
                    parent.detach(node);
                }
            }
            node = parent;
        }
    }

    private static int levelEnd(String s, int start) {
        int slash = s.indexOf('/', start);
        return slash < 0 ? s.length() : slash;
    }

    /** Rejects malformed filters, which would break the tree's shape. */
    private static void checkFilter(String filter) {
        // [MQTT-4.7.3-1] non-empty, [MQTT-4.7.1-1] '#' only as the whole last level, [MQTT-4.7.1-2] '+' a whole level;
        // [MQTT-4.8.2-1] [MQTT-4.8.2-2] a shared filter has a non-empty share name without / + #, then a filter
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("malformed topic filter: " + filter);
        }
    }

    /** The two parts of a valid {@code $share/{group}/{filter}}. */
    private record SharedName(String group, String filter) {
        static SharedName of(String filter) {
            if (!Topics.isSharedFilter(filter)) {
                return null;
            }
            int groupEnd = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            return new SharedName(
                    filter.substring(Topics.SHARE_PREFIX.length(), groupEnd), filter.substring(groupEnd + 1));
        }
    }

    /**
     * One {@link #match} call: walks the exact path iteratively and the {@code +} branches recursively up to
     * {@value #MAX_RECURSION} deep; deeper branches wait on an explicit stack, so that a filter of thousands of
     * {@code +} levels cannot overflow the thread stack while ordinary matches allocate nothing beyond this object and
     * its key. Confined to the calling thread.
     */
    private static final class Walk {
        private static final int MAX_RECURSION = 32;

        private final String topic;
        private final int length;
        private final boolean dollar;
        private final Consumer<TopicSubscription> visitor;
        private final Consumer<SharedGroup> groups;
        private final LevelKey key = new LevelKey();
        private int depth;
        private TopicNode[] pendingNodes;
        private int[] pendingStarts;
        private int pending;

        Walk(String topic, Consumer<TopicSubscription> visitor, Consumer<SharedGroup> groups) {
            this.topic = topic;
            this.length = topic.length();
            this.dollar = !topic.isEmpty() && topic.charAt(0) == '$';
            this.visitor = visitor;
            this.groups = groups;
        }

        void run(TopicNode root) {
            follow(root, 0);
            while (pending > 0) {
                pending--;
                TopicNode node = pendingNodes[pending];
                pendingNodes[pending] = null;
                follow(node, pendingStarts[pending]);
            }
        }

        /** Matches from {@code node}, whose filter levels consumed every topic level before {@code start}. */
        private void follow(TopicNode node, int start) {
            while (node != null) {
                if (start > length) {
                    visitAll(node);
                    // §4.7.1.2: "sport/#" also matches "sport", its parent level
                    visitAll(node.multiLevelChild());
                    return;
                }
                int end = levelEnd(topic, start);
                // [MQTT-4.7.2-1] a leading wildcard does not match a topic starting with '$'
                if (start != 0 || !dollar) {
                    visitAll(node.multiLevelChild());
                    TopicNode single = node.singleLevelChild();
                    if (single != null) {
                        branch(single, end + 1);
                    }
                }
                node = node.child(key.set(topic, start, end));
                start = end + 1;
            }
        }

        private void branch(TopicNode node, int start) {
            if (depth < MAX_RECURSION) {
                depth++;
                follow(node, start);
                depth--;
            } else {
                push(node, start);
            }
        }

        private void visitAll(TopicNode node) {
            if (node != null) {
                node.forEachSubscription(visitor);
                node.forEachGroup(groups);
            }
        }

        private void push(TopicNode node, int start) {
            if (pendingNodes == null) {
                pendingNodes = new TopicNode[16];
                pendingStarts = new int[16];
            } else if (pending == pendingNodes.length) {
                pendingNodes = Arrays.copyOf(pendingNodes, pending * 2);
                pendingStarts = Arrays.copyOf(pendingStarts, pending * 2);
            }
            pendingNodes[pending] = node;
            pendingStarts[pending] = start;
            pending++;
        }
    }
}
