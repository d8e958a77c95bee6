package io.cicada.broker.routing;

import java.util.concurrent.Executor;

/**
 * A {@link Subscriber} the {@link Router} can deliver to: the core's session. Every subscriber the core puts into the
 * {@link TopicTree} is a Recipient. {@link #executor()} may be read from any thread; the other methods run only on
 * that executor, and only while it is still the recipient's executor (it changes on session takeover).
 */
public interface Recipient extends Subscriber {

    /** The executor (event loop) that owns the recipient now. */
    Executor executor();

    /** Sends or queues one delivery. */
    void deliver(Delivery delivery);

    /** Flushes what {@link #deliver} sent since the last flush: called once per batch, not per message. */
    void flush();
}
