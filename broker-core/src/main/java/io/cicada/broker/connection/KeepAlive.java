package io.cicada.broker.connection;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive timer of one connection: closes it after one and a half keep-alive periods without any packet from
 * the client [MQTT-3.1.2-24] (MQTT 5: [MQTT-3.1.2-22]); 0 turns it off. One timer at a time on the connection's
 * event loop (via {@link Outbound#schedule}); every packet only records the time, so packets cost no timer work.
 * While the broker itself does not read from the client ({@link Outbound#pauseReading}) the client counts as alive.
 * Touched only on the connection's event loop.
 */
final class KeepAlive {
    private final Outbound outbound;
    private final Clock clock;
    private final Runnable onTimeout;
    private long timeoutMillis;
    private long lastPacketMillis;
    private Outbound.Cancellable timer;
    private boolean stopped;

    KeepAlive(Outbound outbound, Clock clock, Runnable onTimeout) {
        this.outbound = outbound;
        this.clock = clock;
        this.onTimeout = onTimeout;
        this.lastPacketMillis = clock.millis();
    }

    /** Starts watching with the granted keep-alive; 0 = never time out. */
    void start(int keepAliveSeconds) {
        if (keepAliveSeconds <= 0 || stopped) {
            return;
        }
        timeoutMillis = keepAliveSeconds * 1500L;
        arm(timeoutMillis);
    }

    /** The granted keep-alive in seconds; 0 when the connection never times out. */
    int seconds() {
        return (int) (timeoutMillis / 1500L);
    }

    /** A packet arrived. */
    void touch() {
        lastPacketMillis = clock.millis();
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void arm(long delayMillis) {
        timer = outbound.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (stopped) {
            return;
        }
        if (outbound.isReadingPaused()) {
            lastPacketMillis = clock.millis(); // the broker is not reading: the client's packets wait in the socket
        }
        long idle = clock.millis() - lastPacketMillis;
        if (idle >= timeoutMillis) {
            timer = null;
            onTimeout.run();
        } else {
            arm(timeoutMillis - idle);
        }
    }
}
