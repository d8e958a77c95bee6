package io.cicada.broker.session;

import io.cicada.broker.time.Timers;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Ends offline sessions when their Session Expiry Interval has passed (MQTT 5 §3.1.2.11.2); a session with interval
 * {@link Session#NEVER_EXPIRES} (and every MQTT 3.x clean-session-0 session) is kept until it is taken over with clean
 * start. Thread-safe: the timer fires on the timer thread and hops onto the session's owner, where it ends the session
 * only if no connection attached in the meantime (the session's generation is unchanged).
 */
final class SessionExpiry {
    private final Timers timers;
    private final Consumer<Session> end;

    SessionExpiry(Timers timers, Consumer<Session> end) {
        this.timers = timers;
        this.end = end;
    }

    /** Called on the owner right after the session went offline with a non-zero, finite interval. */
    Timers.Scheduled schedule(Session session) {
        return schedule(session, Duration.ofSeconds(session.expiryIntervalSeconds()));
    }

    /** Schedules the end after {@code delay}: for sessions restored after a restart, what remains of the interval. */
    Timers.Scheduled schedule(Session session, Duration delay) {
        long generation = session.generation();
        return timers.schedule(
                () -> session.runOnOwner(() -> {
                    if (!session.isEnded() && !session.isAttached() && session.generation() == generation) {
                        end.accept(session);
                    }
                }),
                delay);
    }
}
