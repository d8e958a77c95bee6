package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedStore;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retained messages kept in memory for matching ({@link InMemoryRetainedStore}) and written through to the
 * {@code retained} column family by the group-commit writer, so a retained QoS 1/2 PUBLISH is stored before it is
 * acknowledged. Bounded by a message count: a retained message for a new topic past it is not retained (the PUBLISH
 * is still routed), counted and logged once. Thread-safe: writes serialise on the store so that memory and disk see
 * them in the same order; reads take no lock.
 */
final class RocksDbRetainedStore implements RetainedStore {
    private static final Logger log = LoggerFactory.getLogger(RocksDbRetainedStore.class);

    private final InMemoryRetainedStore memory = new InMemoryRetainedStore();
    private final GroupCommitWriter writer;
    private final RocksDbStore store;
    private final int maxMessages;
    private final LongAdder refused = new LongAdder();
    private volatile boolean limitLogged;

    RocksDbRetainedStore(GroupCommitWriter writer, RocksDbStore store, int maxMessages, List<Message> recovered) {
        this.writer = writer;
        this.store = store;
        this.maxMessages = maxMessages;
        recovered.forEach(memory::put);
    }

    @Override
    public synchronized void put(Message message) {
        if (maxMessages > 0 && memory.size() >= maxMessages && memory.get(message.topic()) == null) {
            refused.increment();
            if (!limitLogged) {
                limitLogged = true;
                log.warn(
                        "retained message limit of {} reached: new retained topics are not retained (topic {})",
                        maxMessages,
                        message.topic());
            }
            return;
        }
        memory.put(message);
        byte[] key = StoreKeys.text(message.topic());
        writer.submit(batch -> batch.put(store.retained, key, MessageCodec.encode(message)));
    }

    @Override
    public synchronized void remove(String topic) {
        memory.remove(topic);
        writer.submit(batch -> batch.delete(store.retained, StoreKeys.text(topic)));
    }

    @Override
    public synchronized boolean remove(String topic, Message expected) {
        if (!memory.remove(topic, expected)) {
            return false;
        }
        writer.submit(batch -> batch.delete(store.retained, StoreKeys.text(topic)));
        return true;
    }

    @Override
    public Message get(String topic) {
        return memory.get(topic);
    }

    @Override
    public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
        memory.forEachMatching(topicFilter, visitor);
    }

    @Override
    public int size() {
        return memory.size();
    }

    /** Retained messages not kept because of the count limit. */
    long refused() {
        return refused.sum();
    }
}
