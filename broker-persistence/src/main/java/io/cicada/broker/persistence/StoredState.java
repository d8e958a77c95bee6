package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * What the writer knows about the stored sessions, so that it never reads the database to write it: each live session's
 * header, each queue entry's message id and in-flight state, and a reference count per stored message. A message is
 * written once, when the first queue takes it, and deleted with the last queue entry that points to it. Touched only
 * on the writer thread (and by recovery before the writer starts).
 */
final class StoredState {
    private final RocksDbStore store;
    private final Map<Long, RecordCodec.SessionRecord> sessions = new HashMap<>();
    private final Map<Long, Map<Long, QueueEntry>> queues = new HashMap<>();
    private final Map<Message, Long> messageIds = new IdentityHashMap<>();
    private final Map<Long, Message> messagesById = new HashMap<>();
    private final Map<Long, Integer> references = new HashMap<>();
    private long nextMessageId = 1;

    StoredState(RocksDbStore store) {
        this.store = store;
    }

    // ---- recovery ---------------------------------------------------------------------------------------------------

    void recoveredSession(long sessionId, RecordCodec.SessionRecord record) {
        sessions.put(sessionId, record);
    }

    void recoveredMessage(long messageId, Message message) {
        messagesById.put(messageId, message);
        messageIds.put(message, messageId);
        nextMessageId = Math.max(nextMessageId, messageId + 1);
    }

    Message message(long messageId) {
        return messagesById.get(messageId);
    }

    void recoveredEntry(long sessionId, long seq, QueueEntry entry) {
        queues.computeIfAbsent(sessionId, id -> new HashMap<>()).put(seq, entry);
        references.merge(entry.messageId, 1, Integer::sum);
    }

    /** After recovery: deletes the stored messages no queue points to. */
    void dropUnreferencedMessages(WriteBatch batch) throws RocksDBException {
        for (Long id : Map.copyOf(messagesById).keySet()) {
            if (!references.containsKey(id)) {
                batch.delete(store.messages, StoreKeys.id(id));
                messageIds.remove(messagesById.remove(id));
            }
        }
    }

    // ---- changes ----------------------------------------------------------------------------------------------------

    void saveSession(WriteBatch batch, long sessionId, String clientId, long expirySeconds) throws RocksDBException {
        RecordCodec.SessionRecord record = new RecordCodec.SessionRecord(clientId, expirySeconds, 0);
        sessions.put(sessionId, record);
        batch.put(store.sessions, StoreKeys.id(sessionId), RecordCodec.session(clientId, expirySeconds, 0));
    }

    void sessionOffline(WriteBatch batch, long sessionId, long sinceMillis) throws RocksDBException {
        RecordCodec.SessionRecord record = sessions.get(sessionId);
        if (record != null) {
            sessions.put(
                    sessionId, new RecordCodec.SessionRecord(record.clientId(), record.expirySeconds(), sinceMillis));
            batch.put(
                    store.sessions,
                    StoreKeys.id(sessionId),
                    RecordCodec.session(record.clientId(), record.expirySeconds(), sinceMillis));
        }
    }

    void removeSession(WriteBatch batch, long sessionId) throws RocksDBException {
        sessions.remove(sessionId);
        Map<Long, QueueEntry> queue = queues.remove(sessionId);
        if (queue != null) {
            for (QueueEntry entry : queue.values()) {
                release(batch, entry.messageId);
            }
        }
        byte[] from = StoreKeys.id(sessionId);
        byte[] to = StoreKeys.id(sessionId + 1);
        batch.delete(store.sessions, from);
        batch.deleteRange(store.subscriptions, from, to);
        batch.deleteRange(store.queue, from, to);
        batch.deleteRange(store.inbound, from, to);
    }

    void subscribe(WriteBatch batch, long sessionId, TopicSubscription subscription) throws RocksDBException {
        if (sessions.containsKey(sessionId)) {
            batch.put(
                    store.subscriptions,
                    StoreKeys.subscription(sessionId, subscription.topicFilter()),
                    RecordCodec.subscription(subscription.options(), subscription.subscriptionIdentifier()));
        }
    }

    void unsubscribe(WriteBatch batch, long sessionId, String filter) throws RocksDBException {
        batch.delete(store.subscriptions, StoreKeys.subscription(sessionId, filter));
    }

    void awaitRelease(WriteBatch batch, long sessionId, int packetId) throws RocksDBException {
        if (sessions.containsKey(sessionId)) {
            batch.put(store.inbound, StoreKeys.inbound(sessionId, packetId), new byte[0]);
        }
    }

    void releaseReceived(WriteBatch batch, long sessionId, int packetId) throws RocksDBException {
        batch.delete(store.inbound, StoreKeys.inbound(sessionId, packetId));
    }

    void enqueue(WriteBatch batch, long sessionId, Delivery delivery) throws RocksDBException {
        if (!sessions.containsKey(sessionId)) {
            return; // the session ended before its delivery reached the writer
        }
        Message message = delivery.message();
        Long messageId = messageIds.get(message);
        if (messageId == null) {
            messageId = nextMessageId++;
            messageIds.put(message, messageId);
            messagesById.put(messageId, message);
            batch.put(store.messages, StoreKeys.id(messageId), MessageCodec.encode(message));
        }
        references.merge(messageId, 1, Integer::sum);
        QueueEntry entry = QueueEntry.of(messageId, delivery);
        queues.computeIfAbsent(sessionId, id -> new HashMap<>()).put(delivery.journalSeq(), entry);
        batch.put(store.queue, StoreKeys.queue(sessionId, delivery.journalSeq()), entry.encode());
    }

    void sent(WriteBatch batch, long sessionId, long seq, int packetId) throws RocksDBException {
        QueueEntry entry = entry(sessionId, seq);
        if (entry != null) {
            entry.packetId = packetId;
            batch.put(store.queue, StoreKeys.queue(sessionId, seq), entry.encode());
        }
    }

    void released(WriteBatch batch, long sessionId, long seq) throws RocksDBException {
        QueueEntry entry = entry(sessionId, seq);
        if (entry != null) {
            entry.released = true;
            batch.put(store.queue, StoreKeys.queue(sessionId, seq), entry.encode());
        }
    }

    void remove(WriteBatch batch, long sessionId, long seq) throws RocksDBException {
        Map<Long, QueueEntry> queue = queues.get(sessionId);
        QueueEntry entry = queue == null ? null : queue.remove(seq);
        if (entry != null) {
            batch.delete(store.queue, StoreKeys.queue(sessionId, seq));
            release(batch, entry.messageId);
        }
    }

    /** Stored messages (for tests: a drained broker keeps none). */
    int storedMessages() {
        return messagesById.size();
    }

    private QueueEntry entry(long sessionId, long seq) {
        Map<Long, QueueEntry> queue = queues.get(sessionId);
        return queue == null ? null : queue.get(seq);
    }

    private void release(WriteBatch batch, long messageId) throws RocksDBException {
        int left = references.merge(messageId, -1, Integer::sum);
        if (left <= 0) {
            references.remove(messageId);
            messageIds.remove(messagesById.remove(messageId));
            batch.delete(store.messages, StoreKeys.id(messageId));
        }
    }
}
