package io.cicada.broker.session;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.message.Message;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.Recipient;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.routing.TopicTree;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The state one client id keeps across connections: subscriptions, the outbound in-flight window, the queue of
 * messages waiting to be sent and the QoS 2 packet ids received but not yet released. Touched only on its owner
 * executor ({@link #executor()}): the event loop of the attached connection, or, while offline, the loop it last
 * lived on. Ownership moves only on a takeover, from the old owner (see {@link SessionRegistry} and
 * docs/concurrency.md); {@link #runOnOwner} is how other threads get work done on it.
 */
public final class Session implements Recipient {
    /** Session Expiry Interval meaning "never expires" (MQTT 5 0xFFFFFFFF; MQTT 3.x clean session 0). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final String clientId;
    private final BrokerSettings settings;
    private final TopicTree tree;
    private final Clock clock;
    private final BrokerStats stats;
    private final Map<String, TopicSubscription> subscriptions = new HashMap<>();
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private final InflightWindow inflight;
    private final PendingQueue queue;
    private final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
    private final SessionJournal journal;
    private final AtomicLong journalSeq = new AtomicLong();

    private volatile Executor owner;
    private volatile boolean ended;
    /** The journal's id of this session once it is persistent (non-zero expiry in durable mode), else 0. */
    private volatile long storeId;

    private volatile boolean online;
    private volatile int load;
    private SessionLink link;
    private boolean handingOver;
    private long expiryIntervalSeconds;
    private long generation;
    private boolean unflushed;
    /**
     * The newest list of packets waiting for a group commit before they may go out (durable mode), or null when none
     * wait. Each list is released by its own commit, lists in order; packets that need no commit join the newest list.
     */
    private List<MqttPacket> deferred;

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
        this.settings = settings;
        this.tree = tree;
        this.clock = clock;
        this.stats = stats;
        this.inflight = new InflightWindow(settings.maxInflightMessages());
        this.queue = new PendingQueue(settings.maxQueuedMessages(), settings.maxQueuedBytes());
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
        return load;
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

    long generation() {
        return generation;
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
        inflight.capacity(Math.min(settings.maxInflightMessages(), newLink.receiveMaximum()));
        for (InflightWindow.Entry entry : inflight.entries()) {
            boolean mustBeStored =
                    entry.delivery().qos() == 2 && entry.delivery().journalSeq() != 0;
            if (entry.released()) {
                sendOnLink(new PubRel(entry.packetId()), mustBeStored);
            } else {
                sendOnLink(newLink.withTopicAlias(toPublish(entry.delivery(), entry.packetId(), true)), mustBeStored);
            }
        }
        drain();
        deliverOffered();
    }

    /** Detaches the connection; the session keeps everything and queues what arrives. */
    void detach() {
        this.link = null;
        this.deferred = null;
        this.online = false;
        this.handingOver = false;
        this.generation++;
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
        queue.clear();
        inbox.clear();
        inflight.clear();
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

    // ---- outbound delivery --------------------------------------------------------------------------------------

    @Override
    public void offer(Delivery delivery) {
        long id = storeId;
        if (id != 0 && delivery.qos() > 0 && delivery.journalSeq() == 0 && !ended) {
            if (!journal.accepting()) {
                stats.messageDropped(); // the store is over its disk-usage limit: refused like a full queue
                return;
            }
            // Stored on the publisher's thread, so that the publisher's acknowledgement waits for it.
            delivery = delivery.withJournalSeq(journalSeq.incrementAndGet());
            journal.enqueued(id, delivery);
        }
        inbox.add(delivery);
    }

    @Override
    public void deliverOffered() {
        if (handingOver) {
            return;
        }
        Delivery delivery;
        while ((delivery = inbox.poll()) != null) {
            deliver(delivery);
        }
    }

    /** Sends or queues one delivery; on the owner (retained messages at SUBSCRIBE come this way directly). */
    public void deliver(Delivery delivery) {
        if (ended) {
            return;
        }
        if (isExpired(delivery.message())) {
            stats.messageDropped(BrokerStats.DROP_EXPIRED);
            forget(delivery);
            return;
        }
        if (link == null) {
            if (delivery.qos() == 0 && !settings.queueQos0Offline()) {
                stats.messageDropped(BrokerStats.DROP_QOS0_OFFLINE);
                return;
            }
            enqueue(delivery);
            return;
        }
        if (queue.isEmpty() && link.isWritable() && (delivery.qos() == 0 || inflight.hasRoom())) {
            send(delivery);
        } else {
            enqueue(delivery);
        }
    }

    /**
     * Offers the messages that came through shared subscriptions and that the client has not received yet to
     * {@code handOver}, from the in-flight window and then the queue, in order, and forgets those it accepts, so that
     * another member of each group can have them (§4.8.2). QoS 2 messages past PUBREC stay: the client has them. On
     * the owner.
     */
    void handOverShared(Predicate<Delivery> handOver) {
        Predicate<Delivery> handedOver = delivery -> {
            if (!handOver.test(delivery)) {
                return false;
            }
            forget(delivery); // the member that takes it over stores its own copy
            return true;
        };
        inflight.removeUnreceivedShared(handedOver);
        queue.removeShared(handedOver);
        load = inflight.size() + queue.size();
    }

    @Override
    public void flush() {
        load = inflight.size() + queue.size();
        if (unflushed && link != null) {
            unflushed = false;
            link.flush();
        }
    }

    /** PUBACK: the QoS 1 message is done; frees a slot. False when no QoS 1 message had this id. */
    public boolean acknowledge(int packetId) {
        InflightWindow.Entry entry = inflight.get(packetId);
        if (entry == null || entry.delivery().qos() != 1) {
            return false;
        }
        inflight.remove(packetId);
        forget(entry.delivery());
        drain();
        return true;
    }

    /**
     * PUBREC: answers PUBREL, or with an error reason code (MQTT 5) drops the message. Returns the PUBREL to send, or
     * null when nothing is sent.
     */
    public PubRel received(int packetId, int reasonCode) {
        InflightWindow.Entry entry = inflight.get(packetId);
        if (entry == null || entry.delivery().qos() != 2) {
            return new PubRel(packetId, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY);
        }
        if (ReasonCode.isError(reasonCode)) {
            inflight.remove(packetId);
            forget(entry.delivery());
            drain();
            return null;
        }
        inflight.release(entry);
        if (entry.delivery().journalSeq() != 0 && journal.durable()) {
            // Once PUBREL is out the client forgets the packet id: the stored entry must say "released" first.
            journal.released(storeId, entry.delivery().journalSeq());
            sendOnLink(new PubRel(packetId), true);
            return null;
        }
        return new PubRel(packetId);
    }

    /** PUBCOMP: the QoS 2 message is done; frees a slot. False when no released message had this id. */
    public boolean complete(int packetId) {
        InflightWindow.Entry entry = inflight.get(packetId);
        if (entry == null || !entry.released()) {
            return false;
        }
        inflight.remove(packetId);
        forget(entry.delivery());
        drain();
        return true;
    }

    /** Sends queued messages while the window has room and the socket is writable. */
    public void drain() {
        load = inflight.size() + queue.size();
        while (link != null && link.isWritable() && !queue.isEmpty()) {
            Delivery next = queue.peek();
            if (next.qos() > 0 && !inflight.hasRoom()) {
                return;
            }
            queue.poll();
            if (isExpired(next.message())) {
                stats.messageDropped(BrokerStats.DROP_EXPIRED);
                forget(next);
            } else {
                send(next);
            }
        }
    }

    public int queuedMessages() {
        return queue.size();
    }

    public InflightWindow inflight() {
        return inflight;
    }

    private void enqueue(Delivery delivery) {
        if (!queue.offer(delivery)) {
            stats.messageDropped(BrokerStats.DROP_QUEUE_FULL);
            forget(delivery);
        }
    }

    /**
     * Sends a packet to the attached client; one that {@code mustBeStored} first (and every packet behind it, to keep
     * the order) waits for the journal's next commit, then goes out if the same connection is still attached.
     */
    private void sendOnLink(MqttPacket packet, boolean mustBeStored) {
        if (deferred == null && !mustBeStored) {
            link.send(packet);
            unflushed = true;
            return;
        }
        if (mustBeStored) {
            // A list of its own, released by a commit requested now, after what this packet needs was appended: a
            // commit requested earlier may complete before that and must not release this packet.
            List<MqttPacket> waiting = new ArrayList<>();
            deferred = waiting;
            SessionLink target = link;
            long attachedGeneration = generation;
            journal.afterCommit(() -> runOnOwner(() -> sendDeferred(waiting, target, attachedGeneration)));
        }
        deferred.add(packet);
    }

    private void sendDeferred(List<MqttPacket> waiting, SessionLink target, long attachedGeneration) {
        if (deferred == waiting) {
            deferred = null;
        }
        // After a reconnect the new connection got the in-flight window re-sent on attach; nothing is lost here.
        if (!ended && link == target && generation == attachedGeneration) {
            waiting.forEach(target::send);
            target.flush();
        }
    }

    /** The delivery left the session without being sent again: its stored copy goes. */
    private void forget(Delivery delivery) {
        if (delivery.journalSeq() != 0) {
            journal.removed(storeId, delivery.journalSeq());
        }
    }

    private void send(Delivery delivery) {
        int packetId = delivery.qos() == 0 ? 0 : inflight.add(delivery);
        Publish publish = toPublish(delivery, packetId, false);
        if (link.version().isV5() && PublishSize.of(publish) > link.maximumPacketSize()) {
            // [MQTT-3.1.2-25] too large for the client: discarded as if it had been sent and acknowledged
            if (packetId != 0) {
                inflight.remove(packetId);
            }
            stats.messageDropped(BrokerStats.DROP_TOO_LARGE);
            forget(delivery);
            return;
        }
        if (delivery.journalSeq() != 0) {
            journal.sent(storeId, delivery.journalSeq(), packetId);
        }
        // A stored QoS 2 PUBLISH leaves only once its packet id is stored: re-sent after a crash with another id, the
        // client would take it for a new message.
        sendOnLink(link.withTopicAlias(publish), delivery.qos() == 2 && delivery.journalSeq() != 0);
        stats.messageSent(
                delivery.qos(),
                delivery.message().payload().size(),
                clock.millis() - delivery.message().receivedAtMillis());
    }

    private Publish toPublish(Delivery delivery, int packetId, boolean dup) {
        Message message = delivery.message();
        Properties properties = Properties.EMPTY;
        if (link.version().isV5()) {
            properties = message.properties();
            Long expiry = properties.messageExpiryInterval();
            if (expiry != null || !delivery.subscriptionIdentifiers().isEmpty()) {
                Properties.Builder builder = properties.toBuilder();
                if (expiry != null) {
                    // [MQTT-3.3.2-6] the interval sent is what remains of it
                    long elapsedSeconds = (clock.millis() - message.receivedAtMillis()) / 1000;
                    builder.messageExpiryInterval(Math.max(0, expiry - elapsedSeconds));
                }
                if (!delivery.subscriptionIdentifiers().isEmpty()) {
                    builder.subscriptionIdentifiers(new ArrayList<>(delivery.subscriptionIdentifiers()));
                }
                properties = builder.build();
            }
        }
        return new Publish(
                message.topic(), delivery.qos(), dup, delivery.retain(), packetId, properties, message.payload());
    }

    private boolean isExpired(Message message) {
        Long expiry = message.properties().messageExpiryInterval();
        return expiry != null && clock.millis() - message.receivedAtMillis() >= expiry * 1000;
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
            Delivery delivery = entry.delivery();
            lastSeq = Math.max(lastSeq, delivery.journalSeq());
            if (isExpired(delivery.message())) {
                stats.messageDropped();
                forget(delivery);
            } else if (entry.packetId() != 0) {
                inflight.restore(entry.packetId(), delivery, entry.released());
            } else {
                enqueue(delivery);
            }
        }
        journalSeq.set(lastSeq);
        awaitingRelease.addAll(stored.awaitingRelease());
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }
}
