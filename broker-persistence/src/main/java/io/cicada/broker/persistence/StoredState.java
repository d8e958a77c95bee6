package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * What the writer knows about the stored sessions, so that it never reads the database to write it: each live session's
 * header, each queue entry's message id and in-flight state, and a reference count per stored message. A message is
 * written once, when the first queue takes it, and deleted with the last queue entry that points to it. Touched only
 * on the writer thread (and by recovery before the writer starts).
 *
 * <p>Queue entries and messages are not put into the batch when they change but when the batch is {@link #flush
 * flushed}, just before it is written: a delivery enqueued, sent and acknowledged within one group commit (the common
 * case for an online subscriber) then costs no record at all instead of five (message put, entry put, entry put with
 * its packet id, entry delete, message delete), an entry changed twice is written once, and a message is encoded only
 * if it outlives the batch. The batch is written atomically, so the store never holds a state the journal did not pass
 * through.
 */
final class StoredState {
    private final RocksDbStore store;
    private final Map<Long, RecordCodec.SessionRecord> sessions = new HashMap<>();
    private final Map<Long, Map<Long, QueueEntry>> queues = new HashMap<>();
    private final Map<Message, Long> messageIds = new IdentityHashMap<>();
    private final Map<Long, Message> messagesById = new HashMap<>();
    private final Map<Long, Integer> references = new HashMap<>();
    /** Sessions with a stored will waiting for its delay. */
    private final java.util.Set<Long> delayedWills = new java.util.HashSet<>();
    /** Entries to write at {@link #flush}, with their keys; cleared there. */
    private final List<QueueEntry> dirtyEntries = new ArrayList<>();

    private final List<byte[]> dirtyKeys = new ArrayList<>();
    /** Messages taken by a queue during the current batch and not written yet; cleared at {@link #flush}. */
    private final Map<Long, Message> unwrittenMessages = new LinkedHashMap<>();

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

    void recoveredWill(long sessionId) {
        delayedWills.add(sessionId);
    }

    Message message(long messageId) {
        return messagesById.get(messageId);
    }

    void recoveredEntry(long sessionId, long seq, QueueEntry entry) {
        entry.stored = true;
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
                entry.removed = true; // the range deletes below cover what is stored; nothing more is written
                release(batch, entry.messageId);
            }
        }
        byte[] from = StoreKeys.id(sessionId);
        byte[] to = StoreKeys.id(sessionId + 1);
        batch.delete(store.sessions, from);
        batch.deleteRange(store.subscriptions, from, to);
        batch.deleteRange(store.queue, from, to);
        batch.deleteRange(store.inbound, from, to);
        if (delayedWills.remove(sessionId)) {
            batch.delete(store.wills, from);
        }
    }

    void willDelayed(WriteBatch batch, long sessionId, Message will, String username, long dueMillis)
            throws RocksDBException {
        if (sessions.containsKey(sessionId)) {
            delayedWills.add(sessionId);
            batch.put(
                    store.wills,
                    StoreKeys.id(sessionId),
                    RecordCodec.will(dueMillis, username, MessageCodec.encode(will)));
        }
    }

    void willDone(WriteBatch batch, long sessionId) throws RocksDBException {
        if (delayedWills.remove(sessionId)) {
            batch.delete(store.wills, StoreKeys.id(sessionId));
        }
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
            unwrittenMessages.put(messageId, message);
        }
        references.merge(messageId, 1, Integer::sum);
        QueueEntry entry = QueueEntry.of(messageId, delivery);
        queues.computeIfAbsent(sessionId, id -> new HashMap<>()).put(delivery.journalSeq(), entry);
        markDirty(sessionId, delivery.journalSeq(), entry);
    }

    void sent(WriteBatch batch, long sessionId, long seq, int packetId) throws RocksDBException {
        QueueEntry entry = entry(sessionId, seq);
        if (entry != null) {
            entry.packetId = packetId;
            markDirty(sessionId, seq, entry);
        }
    }

    void released(WriteBatch batch, long sessionId, long seq) throws RocksDBException {
        QueueEntry entry = entry(sessionId, seq);
        if (entry != null) {
            entry.released = true;
            markDirty(sessionId, seq, entry);
        }
    }

    void remove(WriteBatch batch, long sessionId, long seq) throws RocksDBException {
        Map<Long, QueueEntry> queue = queues.get(sessionId);
        QueueEntry entry = queue == null ? null : queue.remove(seq);
        if (entry != null) {
            entry.removed = true;
            if (entry.stored) {
                batch.delete(store.queue, StoreKeys.queue(sessionId, seq));
            }
            release(batch, entry.messageId);
        }
    }

    /**
     * Puts into {@code batch} the messages and queue entries changed since the last flush that still exist, each once,
     * in their latest state. Called by the writer once per group, after every change and before the write.
     */
    void flush(WriteBatch batch) throws RocksDBException {
        for (Map.Entry<Long, Message> unwritten : unwrittenMessages.entrySet()) {
            batch.put(store.messages, StoreKeys.id(unwritten.getKey()), MessageCodec.encode(unwritten.getValue()));
        }
        unwrittenMessages.clear();
        for (int i = 0; i < dirtyEntries.size(); i++) {
            QueueEntry entry = dirtyEntries.get(i);
            entry.dirty = false;
            if (!entry.removed) {
                batch.put(store.queue, dirtyKeys.get(i), entry.encode());
                entry.stored = true;
            }
        }
        dirtyEntries.clear();
        dirtyKeys.clear();
    }

    private void markDirty(long sessionId, long seq, QueueEntry entry) {
        if (!entry.dirty) {
            entry.dirty = true;
            dirtyEntries.add(entry);
            dirtyKeys.add(StoreKeys.queue(sessionId, seq));
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
            if (unwrittenMessages.remove(messageId) == null) {
                batch.delete(store.messages, StoreKeys.id(messageId));
            }
        }
    }
}
