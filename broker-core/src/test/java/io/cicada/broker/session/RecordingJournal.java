package io.cicada.broker.session;

import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import java.util.ArrayList;
import java.util.List;

/** A durable-looking {@link SessionJournal} that records every call as text; commits are instant. One test thread. */
final class RecordingJournal implements SessionJournal {
    final List<String> calls = new ArrayList<>();
    private long ids = 100;

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public long newSessionId() {
        return ++ids;
    }

    @Override
    public void sessionSaved(long sessionId, String clientId, long expirySeconds) {
        calls.add("saved " + sessionId + " " + clientId + " " + expirySeconds);
    }

    @Override
    public void sessionOffline(long sessionId, long sinceMillis) {
        calls.add("offline " + sessionId);
    }

    @Override
    public void sessionRemoved(long sessionId) {
        calls.add("removed-session " + sessionId);
    }

    @Override
    public void subscribed(long sessionId, TopicSubscription subscription) {
        calls.add("subscribed " + sessionId + " " + subscription.topicFilter());
    }

    @Override
    public void unsubscribed(long sessionId, String topicFilter) {
        calls.add("unsubscribed " + sessionId + " " + topicFilter);
    }

    @Override
    public void enqueued(long sessionId, Delivery delivery) {
        calls.add("enqueued " + sessionId + " " + delivery.journalSeq());
    }

    @Override
    public void sent(long sessionId, long seq, int packetId) {
        calls.add("sent " + sessionId + " " + seq + " " + packetId);
    }

    @Override
    public void released(long sessionId, long seq) {
        calls.add("released " + sessionId + " " + seq);
    }

    @Override
    public void removed(long sessionId, long seq) {
        calls.add("removed " + sessionId + " " + seq);
    }

    @Override
    public void awaitingRelease(long sessionId, int packetId) {
        calls.add("awaiting " + sessionId + " " + packetId);
    }

    @Override
    public void releaseReceived(long sessionId, int packetId) {
        calls.add("release-received " + sessionId + " " + packetId);
    }

    @Override
    public void afterCommit(Runnable task) {
        task.run();
    }

    @Override
    public List<StoredSession> recover() {
        return List.of();
    }
}
