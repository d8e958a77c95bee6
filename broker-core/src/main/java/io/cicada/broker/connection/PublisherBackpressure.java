package io.cicada.broker.connection;

import io.cicada.broker.routing.Recipient;
import java.util.Collection;

/**
 * Stops reading from a publisher whose QoS 1/2 messages went to congested subscribers, and resumes once every one of
 * them drained (or was declared a slow consumer, or went offline). The socket's receive buffer then fills and TCP
 * slows the client down, instead of the broker buffering without bound. Owned by one connection; touched only on its
 * event loop (the subscribers' wake-ups hop onto it).
 *
 * <p>A publisher never waits for its own session: a client that publishes to a topic it subscribes to must be able to
 * read its own acknowledgements to drain.
 */
final class PublisherBackpressure {
    private final Outbound outbound;
    /** Congested recipients this publisher still waits for. */
    private int waitingFor;

    PublisherBackpressure(Outbound outbound) {
        this.outbound = outbound;
    }

    /** End of a read cycle: pauses reading until each of {@code congested} (but {@code self}) drained. */
    void await(Collection<Recipient> congested, Recipient self) {
        for (Recipient recipient : congested) {
            if (recipient == self) {
                continue;
            }
            if (waitingFor++ == 0) {
                outbound.pauseReading(Outbound.ReadPause.BACKPRESSURE);
            }
            recipient.whenDrained(() -> outbound.executor().execute(this::drained));
        }
    }

    /** True while reading is paused for backpressure. */
    boolean isWaiting() {
        return waitingFor > 0;
    }

    private void drained() {
        if (waitingFor > 0 && --waitingFor == 0) {
            outbound.resumeReading(Outbound.ReadPause.BACKPRESSURE);
        }
    }
}
