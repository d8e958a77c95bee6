package io.cicada.broker.will;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Router;
import io.cicada.broker.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes will messages: at once when a connection ends abnormally, or after the MQTT 5 Will Delay Interval, unless
 * a new connection attaches to the session first [MQTT-3.1.3-9], and at the latest when the session ends (§3.1.3.2.2).
 * Wills are keyed by their session object. Thread-safe: scheduled on event loops, fired on the timer thread, each
 * will published at most once.
 */
public final class WillScheduler {
    private final Router router;
    private final Timers timers;
    private final Clock clock;
    private final ConcurrentHashMap<Object, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        private final Message will;
        private final String username;
        private volatile Timers.Scheduled timer;

        Pending(Message will, String username) {
            this.will = will;
            this.username = username;
        }
    }

    public WillScheduler(Router router, Timers timers, Clock clock) {
        this.router = router;
        this.timers = timers;
        this.clock = clock;
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
        Pending entry = new Pending(will, username);
        Pending previous = pending.put(sessionKey, entry);
        if (previous != null && pending.remove(sessionKey, previous)) {
            previous.timer.cancel();
        }
        entry.timer = timers.schedule(() -> fire(sessionKey, entry), Duration.ofSeconds(delaySeconds));
    }

    /** A connection attached to the session before the delay passed: the will is not sent [MQTT-3.1.3-9]. */
    public void cancel(Object sessionKey) {
        Pending entry = pending.remove(sessionKey);
        if (entry != null && entry.timer != null) {
            entry.timer.cancel();
        }
    }

    /** The session ended: a will still waiting for its delay is published now. */
    public void sessionEnded(Object sessionKey) {
        Pending entry = pending.remove(sessionKey);
        if (entry != null) {
            if (entry.timer != null) {
                entry.timer.cancel();
            }
            publish(entry.will, entry.username);
        }
    }

    /** Number of wills waiting for their delay. */
    public int pendingCount() {
        return pending.size();
    }

    private void fire(Object sessionKey, Pending entry) {
        if (pending.remove(sessionKey, entry)) {
            publish(entry.will, entry.username);
        }
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
