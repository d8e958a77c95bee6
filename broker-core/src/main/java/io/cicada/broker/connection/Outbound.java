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

    /** The event loop that owns this connection: every call into its {@link Inbound} happens on it. */
    Executor executor();

    /** Runs {@code task} on {@link #executor()} after a delay. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** The client's address as {@code host:port}, for log lines. */
    String remoteAddress();

    /** The name of the listener the client connected through (such as {@code tcp}), for log lines and limits. */
    String listenerName();

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
