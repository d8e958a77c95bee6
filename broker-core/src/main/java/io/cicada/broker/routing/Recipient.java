package io.cicada.broker.routing;

import java.util.concurrent.Executor;

/**
 * A {@link Subscriber} the {@link Router} can deliver to: the core's session. Every subscriber the core puts into the
 * {@link TopicTree} is a Recipient. Deliveries go through an inbox: any thread {@link #offer}s, in order, and the
 * owner executor takes them out with {@link #deliverOffered()}; so the order holds even when the owner changes (a
 * session takeover) while deliveries are on their way.
 */
public interface Recipient extends Subscriber {

    /** The executor (event loop) that owns the recipient now; readable from any thread. */
    Executor executor();

    /** Appends a delivery to the inbox; any thread. */
    void offer(Delivery delivery);

    /** Sends or queues everything offered so far; only on {@link #executor()} while it is the owner. */
    void deliverOffered();

    /** Flushes what was sent since the last flush: once per batch, not per message; only on the owner. */
    void flush();

    /** True while a connection is attached; shared subscription groups prefer online members. Any thread. */
    default boolean isOnline() {
        return true;
    }

    /** Messages in flight or queued, as last seen by the owner; for the least-inflight sharing strategy. Any thread. */
    default int load() {
        return 0;
    }

    /**
     * True while the recipient is behind: a publisher of QoS 1/2 messages to it should stop reading until
     * {@link #whenDrained} wakes it. Any thread.
     */
    default boolean isCongested() {
        return false;
    }

    /**
     * Runs {@code wake} once the recipient is not congested any more (at once when it is not now), exactly once, on
     * whichever thread notices; {@code wake} must only hand work over to its own thread. Any thread.
     */
    default void whenDrained(Runnable wake) {
        wake.run();
    }
}
