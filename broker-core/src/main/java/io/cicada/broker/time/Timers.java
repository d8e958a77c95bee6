package io.cicada.broker.time;

import java.time.Duration;

/**
 * Delayed tasks of the core that are not tied to one connection (will delay, session expiry, $SYS). Thread-safe.
 * Tasks run on the timer's own thread and must hop to the executor that owns the state they touch.
 */
public interface Timers {

    /** Runs {@code task} once after {@code delay}. */
    Scheduled schedule(Runnable task, Duration delay);

    /** A task that can still be cancelled; cancelling a task that already ran does nothing. */
    interface Scheduled {
        void cancel();
    }
}
