package io.cicada.broker.session;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import java.util.List;

/**
 * Storage port that makes persistent sessions survive a restart (the {@code broker-persistence} module implements it
 * on RocksDB): every change of a session with a non-zero expiry interval is appended here, and {@link #afterCommit}
 * tells when the changes appended so far are as durable as the configured sync policy promises. Thread-safe: appends
 * come from every event loop (the publisher's loop appends a routed message to each persistent recipient's queue, so
 * that the message and its routing are stored before the publisher is acknowledged) and never block.
 *
 * <p>Sessions are keyed by a store id unique across restarts ({@link #newSessionId()}), not by client id, so that a
 * clean-start session that replaces an old one never shares keys with it while the old one is still being removed.
 */
public interface SessionJournal {

    /** Memory mode: nothing is stored, nothing is recovered, and {@link #afterCommit} runs the task at once. */
    SessionJournal NONE = new SessionJournal() {
        @Override
        public boolean durable() {
            return false;
        }

        @Override
        public long newSessionId() {
            return 0;
        }

        @Override
        public void sessionSaved(long sessionId, String clientId, long expirySeconds) {}

        @Override
        public void sessionOffline(long sessionId, long sinceMillis) {}

        @Override
        public void sessionRemoved(long sessionId) {}

        @Override
        public void subscribed(long sessionId, TopicSubscription subscription) {}

        @Override
        public void unsubscribed(long sessionId, String topicFilter) {}

        @Override
        public void enqueued(long sessionId, Delivery delivery) {}

        @Override
        public void sent(long sessionId, long seq, int packetId) {}

        @Override
        public void released(long sessionId, long seq) {}

        @Override
        public void removed(long sessionId, long seq) {}

        @Override
        public void awaitingRelease(long sessionId, int packetId) {}

        @Override
        public void releaseReceived(long sessionId, int packetId) {}

        @Override
        public void afterCommit(Runnable task) {
            task.run();
        }

        @Override
        public List<StoredSession> recover() {
            return List.of();
        }
    };

    /** True when changes are stored; false in memory mode. */
    boolean durable();

    /**
     * False while the store is over its disk-usage limit: new messages for persistent sessions are then refused
     * (dropped and counted), as a full queue refuses them, until it shrinks. Any thread.
     */
    default boolean accepting() {
        return true;
    }

    /** A store id for a session that becomes persistent; never 0, never reused, also across restarts. */
    long newSessionId();

    /** The session is persistent with this expiry interval (connected, or it changed at DISCONNECT). */
    void sessionSaved(long sessionId, String clientId, long expirySeconds);

    /** The session went offline at {@code sinceMillis}; its expiry counts from then. */
    void sessionOffline(long sessionId, long sinceMillis);

    /** The session ended: everything stored for it goes. */
    void sessionRemoved(long sessionId);

    void subscribed(long sessionId, TopicSubscription subscription);

    void unsubscribed(long sessionId, String topicFilter);

    /**
     * A QoS 1/2 delivery entered the session's queue at position {@link Delivery#journalSeq()}; its message is stored
     * once however many queues hold it.
     */
    void enqueued(long sessionId, Delivery delivery);

    /** The queued delivery {@code seq} was sent with {@code packetId}: after a restart it is re-sent with DUP. */
    void sent(long sessionId, long seq, int packetId);

    /** The client sent PUBREC for delivery {@code seq}: after a restart PUBREL is re-sent instead of the PUBLISH. */
    void released(long sessionId, long seq);

    /** Delivery {@code seq} is done (acknowledged, dropped or expired). */
    void removed(long sessionId, long seq);

    /** An inbound QoS 2 PUBLISH with this packet id was routed and waits for PUBREL [MQTT-4.3.3-9]. */
    void awaitingRelease(long sessionId, int packetId);

    /** The PUBREL for an inbound QoS 2 packet id came. */
    void releaseReceived(long sessionId, int packetId);

    /**
     * Runs {@code task} once everything appended before this call is committed under the sync policy; on the
     * journal's own thread (the task hops to its event loop), or at once when nothing needs waiting for.
     */
    void afterCommit(Runnable task);

    /** The persistent sessions stored before the last stop; called once, before the broker accepts connections. */
    List<StoredSession> recover();

    /**
     * The client of session {@code sessionId} dropped and its will waits for its Will Delay Interval until
     * {@code dueMillis}: stored so that a restart still publishes it. Any thread.
     */
    default void willDelayed(long sessionId, Message will, String username, long dueMillis) {}

    /** The delayed will of session {@code sessionId} was published or cancelled: it is no longer stored. */
    default void willDone(long sessionId) {}

    /**
     * The wills that waited for their delay at the last stop; called once, after {@link #recover()}, before the broker
     * accepts connections.
     */
    default List<StoredWill> recoverWills() {
        return List.of();
    }

    /**
     * A will waiting for its delay, as stored.
     *
     * @param clientId the client whose session it belongs to
     * @param username the user it is published on behalf of (authorization), or null
     * @param dueMillis when its delay ends
     */
    record StoredWill(long sessionId, String clientId, Message will, String username, long dueMillis) {}

    /**
     * One persistent session as stored.
     *
     * @param offlineSinceMillis when it went offline, or 0 when it was connected at the crash
     * @param subscriptions its subscriptions; their subscriber is null until the session is rebuilt
     * @param deliveries its queue and in-flight window, in queue order
     * @param awaitingRelease inbound QoS 2 packet ids not yet released
     */
    record StoredSession(
            long sessionId,
            String clientId,
            long expirySeconds,
            long offlineSinceMillis,
            List<TopicSubscription> subscriptions,
            List<StoredDelivery> deliveries,
            List<Integer> awaitingRelease) {}

    /**
     * One stored delivery.
     *
     * @param packetId the packet id it was sent with, or 0 when it was still queued
     * @param released true once the client sent PUBREC (QoS 2)
     */
    record StoredDelivery(Delivery delivery, int packetId, boolean released) {}
}
