package io.cicada.broker.session;

import io.cicada.broker.routing.Delivery;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The outbound QoS 1 and QoS 2 messages of one session that the client has not acknowledged yet, by packet
 * identifier, in send order. Its capacity is min(maxInflightMessages, the client's Receive Maximum) [MQTT-3.3.4-9];
 * the session keeps the rest in its queue. Survives reconnects with the session, so unacknowledged messages are
 * re-sent [MQTT-4.4.0-1]. Touched only on the session's owner executor.
 */
public final class InflightWindow {
    private final Map<Integer, Entry> entries = new LinkedHashMap<>();
    private final PacketIds packetIds = new PacketIds();
    private int capacity;

    /** One unacknowledged message; {@code released} once PUBREC came and PUBREL went out (QoS 2). */
    public static final class Entry {
        private final int packetId;
        private final Delivery delivery;
        private boolean released;

        Entry(int packetId, Delivery delivery) {
            this.packetId = packetId;
            this.delivery = delivery;
        }

        public int packetId() {
            return packetId;
        }

        public Delivery delivery() {
            return delivery;
        }

        public boolean released() {
            return released;
        }
    }

    InflightWindow(int capacity) {
        this.capacity = capacity;
    }

    void capacity(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public int capacity() {
        return capacity;
    }

    public boolean hasRoom() {
        return entries.size() < capacity;
    }

    public int size() {
        return entries.size();
    }

    /** Adds a message about to be sent and returns its new packet identifier. */
    int add(Delivery delivery) {
        int packetId = packetIds.allocate(entries::containsKey);
        entries.put(packetId, new Entry(packetId, delivery));
        return packetId;
    }

    /** Puts back a message that was in flight before a restart, with its packet identifier and PUBREC state. */
    void restore(int packetId, Delivery delivery, boolean released) {
        Entry entry = new Entry(packetId, delivery);
        entry.released = released;
        entries.put(packetId, entry);
    }

    Entry get(int packetId) {
        return entries.get(packetId);
    }

    /** PUBREC for a QoS 2 message: it is now released (PUBREL sent) and waits for PUBCOMP. */
    void release(Entry entry) {
        entry.released = true;
    }

    Entry remove(int packetId) {
        return entries.remove(packetId);
    }

    /** The entries in send order, for the re-send on reconnect. */
    Collection<Entry> entries() {
        return entries.values();
    }

    /**
     * Removes the messages that came through a shared subscription and were not received by the client yet (QoS 1,
     * or QoS 2 before PUBREC) and that {@code handOver} accepts, in send order, so that another member of the group
     * can have them (§4.8.2).
     */
    void removeUnreceivedShared(Predicate<Delivery> handOver) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (!entry.released && entry.delivery.sharedGroup() != null && handOver.test(entry.delivery)) {
                it.remove();
            }
        }
    }

    void clear() {
        entries.clear();
    }
}
