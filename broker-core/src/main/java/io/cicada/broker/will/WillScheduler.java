package io.cicada.broker.will;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Router;
import io.cicada.broker.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Publishes will messages: at once when a connection ends abnormally, or after the MQTT 5 Will Delay Interval, unless
 * a new connection attaches to the session first [MQTT-3.1.3-9], and at the latest when the session ends (§3.1.3.2.2).
 * Wills are keyed by their session object. Thread-safe: scheduled on event loops, fired on the timer thread, each
 * will published at most once.
 *
 * <p>Durable mode: the will of a persistent session (a store id not 0) is kept in the {@link DelayedWillStore} with
 * its due time while it waits, so that after a restart {@link #restore} schedules it again
 * (or publishes it at once when overdue). It is published only after its stored record is deleted and that deletion
 * is committed: a crash can then lose a will that was about to go out, but never publish one twice.
 */
public final class WillScheduler {
    private final Router router;
    private final Timers timers;
    private final Clock clock;
    private final DelayedWillStore store;
    private final ToLongFunction<Object> storeIdOf;
    private final ConcurrentHashMap<Object, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        private final Message will;
        private final String username;
        private final long storeId;
        private volatile Timers.Scheduled timer;

        Pending(Message will, String username, long storeId) {
            this.will = will;
            this.username = username;
            this.storeId = storeId;
        }
    }

    /** A scheduler that stores nothing (memory mode). */
    public WillScheduler(Router router, Timers timers, Clock clock) {
        this(router, timers, clock, DelayedWillStore.NONE, sessionKey -> 0);
    }

    /**
     * A scheduler that keeps the delayed wills of persistent sessions in {@code store}.
     *
     * @param storeIdOf the store id of a session key (0 for a session that is not stored)
     */
    public WillScheduler(
            Router router, Timers timers, Clock clock, DelayedWillStore store, ToLongFunction<Object> storeIdOf) {
        this.router = router;
        this.timers = timers;
        this.clock = clock;
        this.store = store;
        this.storeIdOf = storeIdOf;
    }

    /**
     * The connection of {@code sessionKey} ended without DISCONNECT 0x00 [MQTT-3.1.2-8]: publishes {@code will} after
     * {@code delaySeconds} (0 = now).
     */
    public void schedule(Object sessionKey, Message will, String username, long delaySeconds) {
        if (delaySeconds <= 0) {
            publish(will, username);
            return;
        }
        long storeId = storeIdOf.applyAsLong(sessionKey);
        if (storeId != 0) {
            store.delayed(storeId, will, username, clock.millis() + delaySeconds * 1000);
        }
        wait(sessionKey, new Pending(will, username, storeId), Duration.ofSeconds(delaySeconds));
    }

    /**
     * After a restart: the stored will of the restored session {@code sessionKey} (store id {@code storeId}) waits for
     * the rest of its delay, or is published now when it is overdue. Call before the broker accepts connections.
     */
    public void restore(Object sessionKey, long storeId, Message will, String username, long dueMillis) {
        Pending entry = new Pending(will, username, storeId);
        long left = dueMillis - clock.millis();
        if (left <= 0) {
            publishOnce(entry);
        } else {
            wait(sessionKey, entry, Duration.ofMillis(left));
        }
    }

    /** After a restart: the stored will's session did not survive it (it expired meanwhile): publishes it now. */
    public void restoreEnded(long storeId, Message will, String username) {
        publishOnce(new Pending(will, username, storeId));
    }

    private void wait(Object sessionKey, Pending entry, Duration delay) {
        Pending previous = pending.put(sessionKey, entry);
        if (previous != null && pending.remove(sessionKey, previous)) {
            previous.timer.cancel();
        }
        entry.timer = timers.schedule(() -> fire(sessionKey, entry), delay);
    }

    /** A connection attached to the session before the delay passed: the will is not sent [MQTT-3.1.3-9]. */
    public void cancel(Object sessionKey) {
        Pending entry = pending.remove(sessionKey);
        if (entry != null) {
            if (entry.timer != null) {
                entry.timer.cancel();
            }
            if (entry.storeId != 0) {
                store.done(entry.storeId);
            }
        }
    }

    /** The session ended: a will still waiting for its delay is published now. */
    public void sessionEnded(Object sessionKey) {
        Pending entry = pending.remove(sessionKey);
        if (entry != null) {
            if (entry.timer != null) {
                entry.timer.cancel();
            }
            publishOnce(entry);
        }
    }

    /** Number of wills waiting for their delay. */
    public int pendingCount() {
        return pending.size();
    }

    private void fire(Object sessionKey, Pending entry) {
        if (pending.remove(sessionKey, entry)) {
            publishOnce(entry);
        }
    }

    /** A stored will is deleted first and published once the deletion is committed: never twice after a crash. */
    private void publishOnce(Pending entry) {
        if (entry.storeId == 0) {
            publish(entry.will, entry.username);
            return;
        }
        store.done(entry.storeId);
        store.afterCommit(() -> publish(entry.will, entry.username));
    }

    private void publish(Message will, String username) {
        // The will's Message Expiry Interval counts from its publication, not from the CONNECT.
        Message stamped = new Message(
                will.topic(),
                will.qos(),
                will.retain(),
                will.payload(),
                will.properties(),
                will.senderClientId(),
                clock.millis());
        router.publishWill(stamped, username);
    }
}
