package io.cicada.broker.session;

import io.cicada.broker.routing.Delivery;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * The messages of one session waiting to be sent, in order: while the client is offline, while the in-flight window is
 * full [MQTT-4.6.0-*] or while the socket is not writable. Bounded by a message count and a payload byte count (0 =
 * no bound); when a bound is hit the new message is refused and the caller counts it as dropped. Touched only on the
 * session's owner executor.
 */
final class PendingQueue {
    private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxBytes;
    private long bytes;

    PendingQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends {@code delivery}, or returns false (and keeps nothing) when a bound would be passed. */
    boolean offer(Delivery delivery) {
        int size = delivery.message().payload().size();
        if (maxMessages > 0 && deliveries.size() >= maxMessages) {
            return false;
        }
        if (maxBytes > 0 && bytes + size > maxBytes) {
            return false;
        }
        deliveries.addLast(delivery);
        bytes += size;
        return true;
    }

    /**
     * Removes the oldest QoS 0 delivery, to make room for a QoS 1/2 one when the queue is full: QoS 0 is dropped
     * first. Returns it, or null when the queue holds none.
     */
    Delivery evictOldestQos0() {
        Iterator<Delivery> it = deliveries.iterator();
        while (it.hasNext()) {
            Delivery delivery = it.next();
            if (delivery.qos() == 0) {
                it.remove();
                bytes -= delivery.message().payload().size();
                return delivery;
            }
        }
        return null;
    }

    Delivery peek() {
        return deliveries.peekFirst();
    }

    Delivery poll() {
        Delivery delivery = deliveries.pollFirst();
        if (delivery != null) {
            bytes -= delivery.message().payload().size();
        }
        return delivery;
    }

    boolean isEmpty() {
        return deliveries.isEmpty();
    }

    int size() {
        return deliveries.size();
    }

    long bytes() {
        return bytes;
    }

    /** Removes, in order, the deliveries that came through a shared subscription and {@code handOver} accepts. */
    void removeShared(Predicate<Delivery> handOver) {
        Iterator<Delivery> it = deliveries.iterator();
        while (it.hasNext()) {
            Delivery delivery = it.next();
            if (delivery.sharedGroup() != null && handOver.test(delivery)) {
                bytes -= delivery.message().payload().size();
                it.remove();
            }
        }
    }

    void clear() {
        deliveries.clear();
        bytes = 0;
    }
}
