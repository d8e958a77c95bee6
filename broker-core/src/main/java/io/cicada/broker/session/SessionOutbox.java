package io.cicada.broker.session;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.SlowConsumerPolicy;
import io.cicada.broker.message.Message;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.routing.Delivery;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Everything a {@link Session} sends: the inbox routed deliveries arrive in, the pending queue, the outbound in-flight
 * window, the packets held back for a group commit, and the backpressure state ({@link Congestion}) with the
 * slow-consumer check. Touched only on the session's owner executor, apart from {@link #offer} and the
 * {@link Congestion} queries, which any publisher thread calls.
 */
final class SessionOutbox {
    private final Session session;
    private final BrokerSettings settings;
    private final Clock clock;
    private final BrokerStats stats;
    private final SessionJournal journal;
    private final InflightWindow inflight;
    private final PendingQueue queue;
    private final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
    private final Congestion congestion;

    private volatile int load;
    private boolean unflushed;
    /**
     * The newest list of packets waiting for a group commit before they may go out (durable mode), or null when none
     * wait. Each list is released by its own commit, lists in order; packets that need no commit join the newest list.
     */
    private List<MqttPacket> deferred;

    SessionOutbox(Session session, BrokerSettings settings, Clock clock, BrokerStats stats, SessionJournal journal) {
        this.session = session;
        this.settings = settings;
        this.clock = clock;
        this.stats = stats;
        this.journal = journal;
        this.inflight = new InflightWindow(settings.maxInflightMessages());
        this.queue = new PendingQueue(settings.maxQueuedMessages(), settings.maxQueuedBytes());
        this.congestion = new Congestion(
                Congestion.highMark(settings.slowConsumerBacklog(), settings.maxQueuedMessages()),
                Congestion.inboxLimit(settings.slowConsumerBacklog(), settings.maxQueuedMessages()));
    }

    Congestion congestion() {
        return congestion;
    }

    InflightWindow inflight() {
        return inflight;
    }

    int queuedMessages() {
        return queue.size();
    }

    int load() {
        return load;
    }

    // ---- connection lifecycle -------------------------------------------------------------------------------------

    /**
     * A connection attached: re-sends the unacknowledged messages, PUBLISH with DUP=1 or PUBREL for those past PUBREC
     * [MQTT-4.4.0-1], then what waited in the queue and the inbox, as far as the window allows.
     */
    void attached(SessionLink link) {
        inflight.capacity(Math.min(settings.maxInflightMessages(), link.receiveMaximum()));
        for (InflightWindow.Entry entry : inflight.entries()) {
            boolean mustBeStored =
                    entry.delivery().qos() == 2 && entry.delivery().journalSeq() != 0;
            if (entry.released()) {
                sendOnLink(link, new PubRel(entry.packetId()), mustBeStored);
            } else {
                sendOnLink(
                        link,
                        link.withTopicAlias(toPublish(link, entry.delivery(), entry.packetId(), true)),
                        mustBeStored);
            }
        }
        drain();
        deliverOffered();
    }

    /** The connection went away: packets waiting for a commit are dropped (re-sent on the next attach). */
    void detached() {
        deferred = null;
        congestion.clear(); // an offline session holds no publisher back: its queue bounds apply
    }

    /** The session ended: forgets every message. */
    void clear() {
        queue.clear();
        congestion.taken(drop(inbox));
        congestion.clear();
        inflight.clear();
    }

    // ---- delivery -----------------------------------------------------------------------------------------------

    /** Appends a routed delivery to the inbox (storing it first for a persistent session); any thread. */
    void offer(Delivery delivery) {
        if (delivery.qos() == 0 && congestion.dropsQos0()) {
            stats.messageDropped(BrokerStats.DROP_CONGESTED); // QoS 0 goes first; QoS 1/2 publishers pause instead
            return;
        }
        long id = session.storeId();
        if (id != 0 && delivery.qos() > 0 && delivery.journalSeq() == 0 && !session.isEnded()) {
            if (!journal.accepting()) {
                stats.messageDropped(); // the store is over its disk-usage limit: refused like a full queue
                return;
            }
            // Stored on the publisher's thread, so that the publisher's acknowledgement waits for it.
            delivery = delivery.withJournalSeq(session.nextJournalSeq());
            journal.enqueued(id, delivery);
        }
        inbox.add(delivery);
        congestion.offered();
    }

    /** Sends or queues everything in the inbox, unless a hand-over is in progress. */
    void deliverOffered() {
        if (session.isHandingOver()) {
            return;
        }
        Delivery delivery;
        int taken = 0;
        while ((delivery = inbox.poll()) != null) {
            taken++;
            deliver(delivery);
        }
        congestion.taken(taken);
        updateCongestion();
    }

    /** Sends or queues one delivery. */
    void deliver(Delivery delivery) {
        if (session.isEnded()) {
            return;
        }
        if (isExpired(delivery.message())) {
            stats.messageDropped(BrokerStats.DROP_EXPIRED);
            forget(delivery);
            return;
        }
        SessionLink link = session.link();
        if (link == null) {
            if (delivery.qos() == 0 && !settings.queueQos0Offline()) {
                stats.messageDropped(BrokerStats.DROP_QOS0_OFFLINE);
                return;
            }
            enqueue(delivery);
            return;
        }
        if (queue.isEmpty() && link.isWritable() && (delivery.qos() == 0 || inflight.hasRoom())) {
            send(link, delivery);
        } else {
            enqueue(delivery);
        }
    }

    /** Sends queued messages while the window has room and the socket is writable. */
    void drain() {
        load = inflight.size() + queue.size();
        SessionLink link = session.link();
        while (link != null && link.isWritable() && !queue.isEmpty()) {
            Delivery next = queue.peek();
            if (next.qos() > 0 && !inflight.hasRoom()) {
                break;
            }
            queue.poll();
            if (isExpired(next.message())) {
                stats.messageDropped(BrokerStats.DROP_EXPIRED);
                forget(next);
            } else {
                send(link, next);
            }
        }
        updateCongestion();
    }

    void flush() {
        load = inflight.size() + queue.size();
        SessionLink link = session.link();
        if (unflushed && link != null) {
            unflushed = false;
            link.flush();
        }
    }

    /** See {@link Session#handOverShared}. */
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

    // ---- acknowledgements ---------------------------------------------------------------------------------------

    boolean acknowledge(int packetId) {
        InflightWindow.Entry entry = inflight.get(packetId);
        if (entry == null || entry.delivery().qos() != 1) {
            return false;
        }
        inflight.remove(packetId);
        forget(entry.delivery());
        drain();
        return true;
    }

    PubRel received(int packetId, int reasonCode) {
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
            journal.released(session.storeId(), entry.delivery().journalSeq());
            sendOnLink(session.link(), new PubRel(packetId), true);
            return null;
        }
        return new PubRel(packetId);
    }

    boolean complete(int packetId) {
        InflightWindow.Entry entry = inflight.get(packetId);
        if (entry == null || !entry.released()) {
            return false;
        }
        inflight.remove(packetId);
        forget(entry.delivery());
        drain();
        return true;
    }

    // ---- restore ------------------------------------------------------------------------------------------------

    /** Puts a stored delivery back after a restart: in the window when it had been sent, else in the queue. */
    void restore(SessionJournal.StoredDelivery entry) {
        Delivery delivery = entry.delivery();
        if (isExpired(delivery.message())) {
            stats.messageDropped();
            forget(delivery);
        } else if (entry.packetId() != 0) {
            inflight.restore(entry.packetId(), delivery, entry.released());
        } else {
            enqueue(delivery);
        }
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    private void enqueue(Delivery delivery) {
        if (congestion.isSlow() && queue.size() >= congestion.highMark()) {
            stats.messageDropped(BrokerStats.DROP_SLOW_CONSUMER);
            forget(delivery);
            return;
        }
        if (queue.offer(delivery)) {
            return;
        }
        if (delivery.qos() > 0 && queue.evictOldestQos0() != null) {
            stats.messageDropped(BrokerStats.DROP_QUEUE_FULL); // QoS 0 goes first
            if (queue.offer(delivery)) {
                return;
            }
        }
        stats.messageDropped(BrokerStats.DROP_QUEUE_FULL);
        forget(delivery);
    }

    /**
     * Re-evaluates the congestion after the backlog changed; when a congestion episode starts, arms the slow-consumer
     * check for it.
     */
    private void updateCongestion() {
        SessionLink link = session.link();
        if (!session.isHandingOver() && congestion.update(queue.size(), link != null)) {
            long episode = congestion.episode();
            link.schedule(
                    () -> session.runOnOwner(() -> slowConsumerCheck(link, episode)),
                    settings.slowConsumerTimeoutSeconds() * 1000L);
        }
    }

    /** The slow-consumer timeout of one congestion episode passed: applies the policy if the episode still lasts. */
    private void slowConsumerCheck(SessionLink target, long episode) {
        if (session.isEnded() || session.link() != target || !congestion.stillCongested(episode)) {
            return;
        }
        stats.slowConsumer();
        if (settings.slowConsumerPolicy() == SlowConsumerPolicy.DISCONNECT) {
            target.slowConsumer();
        } else {
            congestion.markSlow();
        }
    }

    private static int drop(ConcurrentLinkedQueue<Delivery> deliveries) {
        int count = 0;
        while (deliveries.poll() != null) {
            count++;
        }
        return count;
    }

    /**
     * Sends a packet to the attached client; one that {@code mustBeStored} first (and every packet behind it, to keep
     * the order) waits for the journal's next commit, then goes out if the same connection is still attached.
     */
    private void sendOnLink(SessionLink link, MqttPacket packet, boolean mustBeStored) {
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
            long attachedGeneration = session.generation();
            journal.afterCommit(() -> session.runOnOwner(() -> sendDeferred(waiting, link, attachedGeneration)));
        }
        deferred.add(packet);
    }

    private void sendDeferred(List<MqttPacket> waiting, SessionLink target, long attachedGeneration) {
        if (deferred == waiting) {
            deferred = null;
        }
        // After a reconnect the new connection got the in-flight window re-sent on attach; nothing is lost here.
        if (!session.isEnded() && session.link() == target && session.generation() == attachedGeneration) {
            waiting.forEach(target::send);
            target.flush();
        }
    }

    /** The delivery left the session without being sent again: its stored copy goes. */
    private void forget(Delivery delivery) {
        if (delivery.journalSeq() != 0) {
            journal.removed(session.storeId(), delivery.journalSeq());
        }
    }

    private void send(SessionLink link, Delivery delivery) {
        int packetId = delivery.qos() == 0 ? 0 : inflight.add(delivery);
        Publish publish = toPublish(link, delivery, packetId, false);
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
            journal.sent(session.storeId(), delivery.journalSeq(), packetId);
        }
        // A stored QoS 2 PUBLISH leaves only once its packet id is stored: re-sent after a crash with another id, the
        // client would take it for a new message.
        sendOnLink(link, link.withTopicAlias(publish), delivery.qos() == 2 && delivery.journalSeq() != 0);
        stats.messageSent(
                delivery.qos(),
                delivery.message().payload().size(),
                clock.millis() - delivery.message().receivedAtMillis());
    }

    private Publish toPublish(SessionLink link, Delivery delivery, int packetId, boolean dup) {
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
}
