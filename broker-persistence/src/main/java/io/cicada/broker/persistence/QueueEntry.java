package io.cicada.broker.persistence;

import io.cicada.broker.routing.Delivery;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored delivery of a session's queue as the writer knows it: which stored message it points to and its
 * in-flight state, and whether its record is on disk or still waits for the end of the current batch (see
 * {@link StoredState#flush}). Mutable; touched only on the writer thread (and during recovery, before the writer
 * starts).
 */
final class QueueEntry {
    final long messageId;
    final int qos;
    final boolean retain;
    final List<Integer> subscriptionIdentifiers;
    int packetId;
    boolean released;
    /** Its record was written by an earlier batch (or read at recovery): removing it needs a delete. */
    boolean stored;
    /** Its record must be (re)written when the current batch is flushed. */
    boolean dirty;
    /** Removed from its queue: nothing of it is written any more. */
    boolean removed;

    QueueEntry(long messageId, int qos, boolean retain, List<Integer> subscriptionIdentifiers) {
        this.messageId = messageId;
        this.qos = qos;
        this.retain = retain;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
    }

    static QueueEntry of(long messageId, Delivery delivery) {
        return new QueueEntry(messageId, delivery.qos(), delivery.retain(), delivery.subscriptionIdentifiers());
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(8 + 1 + 1 + 2 + 1 + 2 + 4 * subscriptionIdentifiers.size());
        out.putLong(messageId).put((byte) qos).put((byte) (retain ? 1 : 0)).putShort((short) packetId);
        out.put((byte) (released ? 1 : 0)).putShort((short) subscriptionIdentifiers.size());
        subscriptionIdentifiers.forEach(out::putInt);
        return out.array();
    }

    static QueueEntry decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long messageId = in.getLong();
        int qos = in.get();
        boolean retain = in.get() != 0;
        int packetId = in.getShort() & 0xFFFF;
        boolean released = in.get() != 0;
        int count = in.getShort() & 0xFFFF;
        List<Integer> identifiers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            identifiers.add(in.getInt());
        }
        QueueEntry entry = new QueueEntry(messageId, qos, retain, identifiers);
        entry.packetId = packetId;
        entry.released = released;
        return entry;
    }
}
