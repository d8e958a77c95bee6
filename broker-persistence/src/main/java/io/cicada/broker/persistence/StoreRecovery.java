package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.SessionJournal.StoredDelivery;
import io.cicada.broker.session.SessionJournal.StoredSession;
import io.cicada.broker.session.SessionJournal.StoredWill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Reads the stored sessions back at start-up, before the writer starts, and seeds the writer's {@link StoredState}.
 * Entries that belong to no stored session (written after their session was removed) and messages no queue points to
 * are deleted. A record that does not decode stops start-up with a {@link StoreCorruptException}. Runs once, on the
 * starting thread.
 */
final class StoreRecovery {
    private final RocksDbStore store;
    private final StoredState state;
    private long lastSessionId;
    private final List<StoredWill> wills = new ArrayList<>();

    StoreRecovery(RocksDbStore store, StoredState state) {
        this.store = store;
        this.state = state;
    }

    /** The highest session id stored, so that new ids never reuse one. */
    long lastSessionId() {
        return lastSessionId;
    }

    List<StoredSession> read() {
        try {
            Map<Long, RecordCodec.SessionRecord> headers = new TreeMap<>();
            scan(store.sessions, (key, value) -> {
                long id = StoreKeys.sessionOf(key);
                headers.put(id, RecordCodec.session(value));
                state.recoveredSession(id, RecordCodec.session(value));
                lastSessionId = Math.max(lastSessionId, id);
            });
            Map<Long, List<TopicSubscription>> subscriptions = new HashMap<>();
            Map<Long, List<StoredDelivery>> deliveries = new HashMap<>();
            Map<Long, List<Integer>> inbound = new HashMap<>();
            try (WriteBatch orphans = new WriteBatch()) {
                scan(store.messages, (key, value) -> state.recoveredMessage(StoreKeys.sessionOf(key), decode(value)));
                scan(store.subscriptions, (key, value) -> {
                    long id = StoreKeys.sessionOf(key);
                    if (orphan(headers, id, orphans, store.subscriptions, key)) {
                        return;
                    }
                    String filter = StoreKeys.filterOf(key);
                    subscriptions
                            .computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new TopicSubscription(
                                    null,
                                    filter,
                                    RecordCodec.subscriptionOptions(filter, value),
                                    RecordCodec.subscriptionIdentifier(value)));
                });
                scan(store.queue, (key, value) -> {
                    long id = StoreKeys.sessionOf(key);
                    QueueEntry entry = QueueEntry.decode(value);
                    Message message = state.message(entry.messageId);
                    if (orphan(headers, id, orphans, store.queue, key)) {
                        return;
                    }
                    if (message == null) {
                        orphan(Map.of(), id, orphans, store.queue, key);
                        return;
                    }
                    long seq = StoreKeys.seqOf(key);
                    state.recoveredEntry(id, seq, entry);
                    Delivery delivery =
                            new Delivery(message, entry.qos, entry.retain, entry.subscriptionIdentifiers, null, seq);
                    deliveries
                            .computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new StoredDelivery(delivery, entry.packetId, entry.released));
                });
                scan(store.inbound, (key, value) -> {
                    long id = StoreKeys.sessionOf(key);
                    if (!orphan(headers, id, orphans, store.inbound, key)) {
                        inbound.computeIfAbsent(id, k -> new ArrayList<>()).add(StoreKeys.packetIdOf(key));
                    }
                });
                scan(store.wills, (key, value) -> {
                    long id = StoreKeys.sessionOf(key);
                    if (!orphan(headers, id, orphans, store.wills, key)) {
                        RecordCodec.WillRecord will = RecordCodec.will(value);
                        state.recoveredWill(id);
                        wills.add(new StoredWill(
                                id,
                                headers.get(id).clientId(),
                                decode(will.message()),
                                will.username(),
                                will.dueMillis()));
                    }
                });
                state.dropUnreferencedMessages(orphans);
                try (WriteOptions sync = new WriteOptions().setSync(true)) {
                    store.db.write(sync, orphans);
                }
            }
            List<StoredSession> sessions = new ArrayList<>();
            headers.forEach((id, header) -> sessions.add(new StoredSession(
                    id,
                    header.clientId(),
                    header.expirySeconds(),
                    header.offlineSinceMillis(),
                    subscriptions.getOrDefault(id, List.of()),
                    deliveries.getOrDefault(id, List.of()),
                    inbound.getOrDefault(id, List.of()))));
            return sessions;
        } catch (RocksDBException | RuntimeException e) {
            if (e instanceof StoreCorruptException corrupt) {
                throw corrupt;
            }
            throw RocksDbStore.corrupt(store.directory, "cannot read it back: " + e);
        }
    }

    /** The wills waiting for their delay, read by {@link #read()}. */
    List<StoredWill> wills() {
        return wills;
    }

    /** Every stored retained message, for the retained store. */
    List<Message> retained() {
        List<Message> messages = new ArrayList<>();
        try {
            scan(store.retained, (key, value) -> messages.add(decode(value)));
        } catch (RocksDBException e) {
            throw RocksDbStore.corrupt(store.directory, "cannot read the retained messages back: " + e);
        }
        return messages;
    }

    private Message decode(byte[] value) {
        try {
            return MessageCodec.decode(value);
        } catch (StoreCorruptException e) {
            throw RocksDbStore.corrupt(store.directory, e.getMessage());
        } catch (RuntimeException e) {
            throw RocksDbStore.corrupt(store.directory, "a stored message does not decode: " + e);
        }
    }

    private static boolean orphan(
            Map<Long, RecordCodec.SessionRecord> headers,
            long id,
            WriteBatch orphans,
            ColumnFamilyHandle family,
            byte[] key) {
        if (headers.containsKey(id)) {
            return false;
        }
        try {
            orphans.delete(family, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    private interface Visitor extends BiConsumer<byte[], byte[]> {}

    private void scan(ColumnFamilyHandle family, Visitor visitor) throws RocksDBException {
        try (RocksIterator it = store.db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(it.key(), it.value());
            }
            it.status();
        }
    }
}
