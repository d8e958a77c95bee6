package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.SessionJournal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core's {@link SessionJournal} on RocksDB: each call queues one change for the {@link GroupCommitWriter}, which
 * applies it to the {@link StoredState} and the next write batch. Thread-safe and non-blocking: called from every
 * event loop.
 */
final class RocksDbSessionJournal implements SessionJournal {
    private final GroupCommitWriter writer;
    private final StoredState state;
    private final SyncPolicy policy;
    private final AtomicLong sessionIds;
    private List<StoredSession> recovered;
    private List<StoredWill> recoveredWills;

    RocksDbSessionJournal(
            GroupCommitWriter writer,
            StoredState state,
            SyncPolicy policy,
            long lastSessionId,
            List<StoredSession> recovered,
            List<StoredWill> recoveredWills) {
        this.writer = writer;
        this.state = state;
        this.policy = policy;
        this.sessionIds = new AtomicLong(lastSessionId);
        this.recovered = recovered;
        this.recoveredWills = recoveredWills;
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean accepting() {
        return writer.accepting();
    }

    @Override
    public long newSessionId() {
        return sessionIds.incrementAndGet();
    }

    @Override
    public void sessionSaved(long sessionId, String clientId, long expirySeconds) {
        writer.submit(batch -> state.saveSession(batch, sessionId, clientId, expirySeconds));
    }

    @Override
    public void sessionOffline(long sessionId, long sinceMillis) {
        writer.submit(batch -> state.sessionOffline(batch, sessionId, sinceMillis));
    }

    @Override
    public void sessionRemoved(long sessionId) {
        writer.submit(batch -> state.removeSession(batch, sessionId));
    }

    @Override
    public void subscribed(long sessionId, TopicSubscription subscription) {
        writer.submit(batch -> state.subscribe(batch, sessionId, subscription));
    }

    @Override
    public void unsubscribed(long sessionId, String topicFilter) {
        writer.submit(batch -> state.unsubscribe(batch, sessionId, topicFilter));
    }

    @Override
    public void enqueued(long sessionId, Delivery delivery) {
        writer.submit(batch -> state.enqueue(batch, sessionId, delivery));
    }

    @Override
    public void sent(long sessionId, long seq, int packetId) {
        writer.submit(batch -> state.sent(batch, sessionId, seq, packetId));
    }

    @Override
    public void released(long sessionId, long seq) {
        writer.submit(batch -> state.released(batch, sessionId, seq));
    }

    @Override
    public void removed(long sessionId, long seq) {
        writer.submit(batch -> state.remove(batch, sessionId, seq));
    }

    @Override
    public void awaitingRelease(long sessionId, int packetId) {
        writer.submit(batch -> state.awaitRelease(batch, sessionId, packetId));
    }

    @Override
    public void releaseReceived(long sessionId, int packetId) {
        writer.submit(batch -> state.releaseReceived(batch, sessionId, packetId));
    }

    @Override
    public void willDelayed(long sessionId, Message will, String username, long dueMillis) {
        writer.submit(batch -> state.willDelayed(batch, sessionId, will, username, dueMillis));
    }

    @Override
    public void willDone(long sessionId) {
        writer.submit(batch -> state.willDone(batch, sessionId));
    }

    @Override
    public void afterCommit(Runnable task) {
        if (policy == SyncPolicy.NONE) {
            task.run();
        } else {
            writer.afterCommit(task);
        }
    }

    /** The sessions read at start-up; handed out once, then forgotten. */
    @Override
    public synchronized List<StoredSession> recover() {
        List<StoredSession> sessions = recovered;
        recovered = List.of();
        return sessions;
    }

    /** The delayed wills read at start-up; handed out once, then forgotten. */
    @Override
    public synchronized List<StoredWill> recoverWills() {
        List<StoredWill> wills = recoveredWills;
        recoveredWills = List.of();
        return wills;
    }
}
