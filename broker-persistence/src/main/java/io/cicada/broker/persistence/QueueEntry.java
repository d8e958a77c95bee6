package io.cicada.broker.persistence;

import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.SharedGroup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    /** The {@code $share/{group}/{filter}} it was delivered through, or null (ordinary subscription). */
    final String sharedFilter;

    int packetId;
    boolean released;
    /** Its record was written by an earlier batch (or read at recovery): removing it needs a delete. */
    boolean stored;
    /** Its record must be (re)written when the current batch is flushed. */
    boolean dirty;
    /** Removed from its queue: nothing of it is written any more. */
    boolean removed;

    QueueEntry(long messageId, int qos, boolean retain, List<Integer> subscriptionIdentifiers, String sharedFilter) {
        this.messageId = messageId;
        this.qos = qos;
        this.retain = retain;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
        this.sharedFilter = sharedFilter;
    }

    static QueueEntry of(long messageId, Delivery delivery) {
        SharedGroup group = delivery.sharedGroup();
        return new QueueEntry(
                messageId,
                delivery.qos(),
                delivery.retain(),
                delivery.subscriptionIdentifiers(),
                group == null ? null : group.sharedFilter());
    }

    /**
     * Message id, QoS, retain, packet id, released, the Subscription Identifiers, then for a shared delivery the length
     * and UTF-8 bytes of its shared filter (absent in records of ordinary deliveries and of older versions).
     */
    byte[] encode() {
        byte[] shared = sharedFilter == null ? new byte[0] : sharedFilter.getBytes(StandardCharsets.UTF_8);
        int tail = sharedFilter == null ? 0 : 2 + shared.length;
        ByteBuffer out = ByteBuffer.allocate(8 + 1 + 1 + 2 + 1 + 2 + 4 * subscriptionIdentifiers.size() + tail);
        out.putLong(messageId).put((byte) qos).put((byte) (retain ? 1 : 0)).putShort((short) packetId);
        out.put((byte) (released ? 1 : 0)).putShort((short) subscriptionIdentifiers.size());
        subscriptionIdentifiers.forEach(out::putInt);
        if (sharedFilter != null) {
            out.putShort((short) shared.length).put(shared);
        }
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
        String sharedFilter = null;
        if (in.hasRemaining()) {
            byte[] shared = new byte[in.getShort() & 0xFFFF];
            in.get(shared);
            sharedFilter = new String(shared, StandardCharsets.UTF_8);
        }
        QueueEntry entry = new QueueEntry(messageId, qos, retain, identifiers, sharedFilter);
        entry.packetId = packetId;
        entry.released = released;
        return entry;
    }
}
