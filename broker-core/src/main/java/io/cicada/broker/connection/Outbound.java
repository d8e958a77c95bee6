package io.cicada.broker.connection;

import io.cicada.mqtt.packet.MqttPacket;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The transport side of one client connection, as the core sees it: where packets go out, the thread (event loop)
 * that owns the connection, and its timers. Implemented by the transport ({@code ChannelOutbound}); every method may
 * be called from any thread, but {@link #send} and {@link #flush} are cheapest on {@link #executor()}.
 */
public interface Outbound {

    /** Queues a packet for writing; it reaches the socket at the next {@link #flush()}. */
    void send(MqttPacket packet);

    /** Writes everything queued by {@link #send}. The transport also flushes at the end of each read cycle. */
    void flush();

    /** Flushes what is queued and closes the connection. Idempotent. */
    void close();

    /**
     * {@link #close()} for a reason the server gives, as an MQTT 5 reason code (also for MQTT 3.x clients, which get no
     * DISCONNECT): a transport that can tell its peer why, such as WebSocket with its close status, passes it on.
     */
    default void close(int reasonCode) {
        close();
    }

    /** True while the outbound buffer is below its high-water mark. */
    boolean isWritable();

    /**
     * Stops reading from the client for {@code reason} (packets already read are still delivered): the socket's receive
     * buffer fills and TCP flow control slows the client down. Reading resumes once every reason given is lifted with
     * {@link #resumeReading}. Called on {@link #executor()}.
     */
    void pauseReading(ReadPause reason);

    /** Lifts one {@link #pauseReading} reason; reading resumes when none is left. Called on {@link #executor()}. */
    void resumeReading(ReadPause reason);

    /** True while at least one {@link #pauseReading} reason holds. */
    boolean isReadingPaused();

    /** The event loop that owns this connection: every call into its {@link Inbound} happens on it. */
    Executor executor();

    /** Runs {@code task} on {@link #executor()} after a delay. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** The client's address as {@code host:port}, for log lines. */
    String remoteAddress();

    /** The name of the listener the client connected through (such as {@code tcp}), for log lines and limits. */
    String listenerName();

    /** Why reading from a client is paused; each reason is paused and resumed on its own. */
    enum ReadPause {
        /** The client's messages feed subscribers that cannot keep up. */
        BACKPRESSURE,
        /** The client is over its publish rate or byte rate. */
        RATE_LIMIT,
        /** A PUBLISH or SUBSCRIBE waits for an authorization answer that is not in memory. */
        AUTHORIZATION;

        /** This reason as one bit of a mask. */
        public int bit() {
            return 1 << ordinal();
        }
    }

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
