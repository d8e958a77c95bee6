package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * Retained messages kept in memory for matching ({@link InMemoryRetainedStore}) and written through to the
 * {@code retained} column family by the group-commit writer, so a retained QoS 1/2 PUBLISH is stored before it is
 * acknowledged. Bounded as the memory store is ({@code max_retained_messages}, {@code max_retained_bytes}): a
 * refused message is not written, and the stored message of its topic, if any, is deleted with the one in memory.
 * Thread-safe: writes serialise on the store so that memory and disk see
 * them in the same order; reads take no lock.
 */
final class RocksDbRetainedStore implements RetainedStore {
    private final InMemoryRetainedStore memory;
    private final GroupCommitWriter writer;
    private final RocksDbStore store;

    RocksDbRetainedStore(
            GroupCommitWriter writer, RocksDbStore store, int maxMessages, long maxBytes, List<Message> recovered) {
        this.writer = writer;
        this.store = store;
        this.memory = new InMemoryRetainedStore(maxMessages, maxBytes);
        recovered.forEach(memory::restore); // whatever the limits are now: a lowered limit applies to new messages
    }

    @Override
    public synchronized void put(Message message) {
        byte[] key = StoreKeys.text(message.topic());
        if (memory.offer(message)) {
            writer.submit(batch -> batch.put(store.retained, key, MessageCodec.encode(message)));
        } else {
            writer.submit(batch -> batch.delete(store.retained, key));
        }
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

    /** Retained messages not kept because of a limit. */
    long refused() {
        return memory.refused();
    }
}
