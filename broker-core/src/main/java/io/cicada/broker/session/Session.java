package io.cicada.broker.session;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.Recipient;
import io.cicada.broker.routing.SharedGroup;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.routing.TopicTree;
import io.cicada.mqtt.packet.PubRel;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The state one client id keeps across connections: subscriptions, the outbound in-flight window, the queue of
 * messages waiting to be sent and the QoS 2 packet ids received but not yet released. Touched only on its owner
 * executor ({@link #executor()}): the event loop of the attached connection, or, while offline, the loop it last
 * lived on. Ownership moves only on a takeover, from the old owner (see {@link SessionRegistry} and
 * docs/concurrency.md); {@link #runOnOwner} is how other threads get work done on it. What the session sends (inbox,
 * queue, in-flight window, backpressure) lives in its {@link SessionOutbox}.
 */
public final class Session implements Recipient {
    /** Session Expiry Interval meaning "never expires" (MQTT 5 0xFFFFFFFF; MQTT 3.x clean session 0). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final String clientId;
    private final TopicTree tree;
    private final Map<String, TopicSubscription> subscriptions = new HashMap<>();
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private final SessionOutbox outbox;
    private final SessionJournal journal;
    private final AtomicLong journalSeq = new AtomicLong();

    private volatile Executor owner;
    private volatile boolean ended;
    /** The journal's id of this session once it is persistent (non-zero expiry in durable mode), else 0. */
    private volatile long storeId;

    private volatile boolean online;
    private SessionLink link;
    private boolean handingOver;
    private long expiryIntervalSeconds;
    private long generation;

    Session(String clientId, Executor owner, BrokerSettings settings, TopicTree tree, Clock clock, BrokerStats stats) {
        this(clientId, owner, settings, tree, clock, stats, SessionJournal.NONE);
    }

    Session(
            String clientId,
            Executor owner,
            BrokerSettings settings,
            TopicTree tree,
            Clock clock,
            BrokerStats stats,
            SessionJournal journal) {
        this.journal = journal;
        this.clientId = clientId;
        this.owner = owner;
        this.tree = tree;
        this.outbox = new SessionOutbox(this, settings, clock, stats, journal);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Executor executor() {
        return owner;
    }

    @Override
    public boolean isOnline() {
        return online;
    }

    @Override
    public int load() {
        return outbox.load();
    }

    @Override
    public boolean isCongested() {
        return outbox.congestion().isCongested();
    }

    @Override
    public void whenDrained(Runnable wake) {
        outbox.congestion().whenDrained(wake);
    }

    /** Runs {@code task} on the owner executor, following the session if it moves before the task runs. */
    public void runOnOwner(Runnable task) {
        Executor current = owner;
        current.execute(() -> {
            if (owner != current) {
                runOnOwner(task);
            } else {
                task.run();
            }
        });
    }

    /**
     * Hands the session to another executor; called on the current owner, which stops touching it afterwards. Until
     * the new connection attaches, routed messages stay in the inbox, so none is dropped as "offline" in between.
     */
    void moveTo(Executor newOwner) {
        handingOver = true;
        owner = newOwner;
    }

    public boolean isEnded() {
        return ended;
    }

    public boolean isAttached() {
        return link != null;
    }

    /** The attached connection, or null; for admin views, on the owner only. */
    public SessionLink link() {
        return link;
    }

    boolean isHandingOver() {
        return handingOver;
    }

    long generation() {
        return generation;
    }

    long nextJournalSeq() {
        return journalSeq.incrementAndGet();
    }

    public long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public void expiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
        if (seconds > 0 && journal.durable() && !ended) {
            boolean becomesPersistent = storeId == 0;
            if (becomesPersistent) {
                storeId = journal.newSessionId();
            }
            journal.sessionSaved(storeId, clientId, seconds);
            if (becomesPersistent) {
                subscriptions.values().forEach(subscription -> journal.subscribed(storeId, subscription));
            }
        }
    }

    /** The journal's id of this session, or 0 while it is not stored. */
    public long storeId() {
        return storeId;
    }

    // ---- connection lifecycle -------------------------------------------------------------------------------------

    /**
     * Attaches a connection: re-sends the unacknowledged messages, PUBLISH with DUP=1 or PUBREL for those past PUBREC
     * [MQTT-4.4.0-1], then sends what waited in the queue as far as the window allows.
     */
    public void attach(SessionLink newLink) {
        this.link = newLink;
        this.handingOver = false;
        this.generation++;
        this.online = true;
        outbox.attached(newLink);
    }

    /** Detaches the connection; the session keeps everything and queues what arrives. */
    void detach() {
        this.link = null;
        this.online = false;
        this.handingOver = false;
        this.generation++;
        outbox.detached();
    }

    /** Tells the attached connection, if any, that it was taken over, and detaches it. */
    void kickLink() {
        SessionLink old = link;
        if (old != null) {
            detach();
            old.takenOver();
        }
    }

    /** Ends the session: removes its subscriptions from the tree and forgets its messages. */
    void end() {
        ended = true;
        if (storeId != 0) {
            journal.sessionRemoved(storeId);
        }
        online = false;
        for (TopicSubscription subscription : subscriptions.values()) {
            tree.unsubscribe(this, subscription.topicFilter());
        }
        subscriptions.clear();
        outbox.clear();
        awaitingRelease.clear();
        link = null;
    }

    // ---- subscriptions ------------------------------------------------------------------------------------------

    /** Adds or replaces the subscription to its filter [MQTT-3.8.4-3]; returns the replaced one, or null. */
    public TopicSubscription subscribe(TopicSubscription subscription) {
        subscriptions.put(subscription.topicFilter(), subscription);
        if (storeId != 0) {
            journal.subscribed(storeId, subscription);
        }
        return tree.subscribe(subscription);
    }

    /** Removes the subscription to exactly {@code topicFilter}; true if there was one. */
    public boolean unsubscribe(String topicFilter) {
        if (subscriptions.remove(topicFilter) == null) {
            return false;
        }
        tree.unsubscribe(this, topicFilter);
        if (storeId != 0) {
            journal.unsubscribed(storeId, topicFilter);
        }
        return true;
    }

    public Collection<TopicSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    // ---- inbound QoS 2 ------------------------------------------------------------------------------------------

    /** True while a QoS 2 PUBLISH with this id was received and not yet released by PUBREL [MQTT-4.3.3-9]. */
    public boolean isAwaitingRelease(int packetId) {
        return awaitingRelease.contains(packetId);
    }

    public void awaitRelease(int packetId) {
        if (awaitingRelease.add(packetId) && storeId != 0) {
            journal.awaitingRelease(storeId, packetId);
        }
    }

    /** PUBREL: forgets the id; false if it was unknown. */
    public boolean release(int packetId) {
        boolean known = awaitingRelease.remove(packetId);
        if (known && storeId != 0) {
            journal.releaseReceived(storeId, packetId);
        }
        return known;
    }

    public int awaitingReleaseCount() {
        return awaitingRelease.size();
    }

    // ---- outbound delivery (see SessionOutbox) -------------------------------------------------------------------

    @Override
    public void offer(Delivery delivery) {
        outbox.offer(delivery);
    }

    @Override
    public void deliverOffered() {
        outbox.deliverOffered();
    }

    /** Sends or queues one delivery; on the owner (retained messages at SUBSCRIBE come this way directly). */
    public void deliver(Delivery delivery) {
        outbox.deliver(delivery);
    }

    /**
     * Offers the messages that came through shared subscriptions and that the client has not received yet to
     * {@code handOver}, from the in-flight window and then the queue, in order, and forgets those it accepts, so that
     * another member of each group can have them (§4.8.2). QoS 2 messages past PUBREC stay: the client has them. On
     * the owner.
     */
    void handOverShared(Predicate<Delivery> handOver) {
        outbox.handOverShared(handOver);
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    /** PUBACK: the QoS 1 message is done; frees a slot. False when no QoS 1 message had this id. */
    public boolean acknowledge(int packetId) {
        return outbox.acknowledge(packetId);
    }

    /**
     * PUBREC: answers PUBREL, or with an error reason code (MQTT 5) drops the message. Returns the PUBREL to send, or
     * null when nothing is sent.
     */
    public PubRel received(int packetId, int reasonCode) {
        return outbox.received(packetId, reasonCode);
    }

    /** PUBCOMP: the QoS 2 message is done; frees a slot. False when no released message had this id. */
    public boolean complete(int packetId) {
        return outbox.complete(packetId);
    }

    /** Sends queued messages while the window has room and the socket is writable. */
    public void drain() {
        outbox.drain();
    }

    public int queuedMessages() {
        return outbox.queuedMessages();
    }

    public InflightWindow inflight() {
        return outbox.inflight();
    }

    /**
     * Rebuilds the state stored before a restart, on a fresh session before anyone else sees it: subscriptions back in
     * the tree, sent messages back in the in-flight window (re-sent with DUP on attach), the rest queued in order;
     * expired messages are dropped.
     */
    void restore(SessionJournal.StoredSession stored) {
        storeId = stored.sessionId();
        expiryIntervalSeconds = stored.expirySeconds();
        for (TopicSubscription subscription : stored.subscriptions()) {
            TopicSubscription own = new TopicSubscription(
                    this, subscription.topicFilter(), subscription.options(), subscription.subscriptionIdentifier());
            subscriptions.put(own.topicFilter(), own);
            tree.subscribe(own);
        }
        long lastSeq = 0;
        for (SessionJournal.StoredDelivery entry : stored.deliveries()) {
            Delivery delivery = withSharedGroup(entry);
            lastSeq = Math.max(lastSeq, delivery.journalSeq());
            outbox.restore(new SessionJournal.StoredDelivery(
                    delivery, entry.packetId(), entry.released(), entry.sharedFilter()));
        }
        journalSeq.set(lastSeq);
        awaitingRelease.addAll(stored.awaitingRelease());
    }

    /**
     * The stored delivery with the shared group it came through, found again in the tree (where this session's own
     * subscriptions were just put back); without its group it could never go to another member (§4.8.2).
     */
    private Delivery withSharedGroup(SessionJournal.StoredDelivery entry) {
        Delivery delivery = entry.delivery();
        SharedGroup group = entry.sharedFilter() == null ? null : tree.sharedGroup(entry.sharedFilter());
        if (group == null || delivery.sharedGroup() != null) {
            return delivery;
        }
        return new Delivery(
                delivery.message(),
                delivery.qos(),
                delivery.retain(),
                delivery.subscriptionIdentifiers(),
                group,
                delivery.journalSeq());
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }
}
