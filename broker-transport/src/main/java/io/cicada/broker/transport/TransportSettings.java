package io.cicada.broker.transport;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The transport's settings: the listeners, the I/O transport, and the per-connection outbound buffer bounds.
 * Immutable.
 *
 * @param listeners at least one, with unique names
 * @param kind epoll, NIO, or automatic choice
 * @param writeBufferLowWaterMark bytes; a connection above the high mark becomes writable again below this
 * @param writeBufferHighWaterMark bytes queued for a socket above which the connection reports not writable
 */
public record TransportSettings(
        List<ListenerSettings> listeners,
        TransportKind kind,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark) {

    /** Default low-water mark of the outbound buffer: 32 KiB. */
    public static final int DEFAULT_LOW_WATER_MARK = 32 * 1024;

    /** Default high-water mark of the outbound buffer: 64 KiB. */
    public static final int DEFAULT_HIGH_WATER_MARK = 64 * 1024;

    /** Default listener: {@code tcp} on 127.0.0.1:1883. */
    public static final ListenerSettings DEFAULT_LISTENER = ListenerSettings.tcp("tcp", "127.0.0.1", 1883);

    public TransportSettings {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(kind, "kind");
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
        Set<String> names = new HashSet<>();
        for (ListenerSettings listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("duplicate listener name '" + listener.name() + "'");
            }
        }
        if (writeBufferLowWaterMark < 1 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("write buffer water marks must satisfy 1 <= low <= high, got "
                    + writeBufferLowWaterMark + " / " + writeBufferHighWaterMark);
        }
    }

    /** One TCP listener on 127.0.0.1:1883, automatic transport, 32 / 64 KiB water marks. */
    public static TransportSettings defaults() {
        return new TransportSettings(
                List.of(DEFAULT_LISTENER), TransportKind.AUTO, DEFAULT_LOW_WATER_MARK, DEFAULT_HIGH_WATER_MARK);
    }

    /** These settings with a single TCP listener named {@code tcp} on the given address. */
    public static TransportSettings tcp(String host, int port) {
        return defaults().withListeners(List.of(ListenerSettings.tcp("tcp", host, port)));
    }

    public TransportSettings withListeners(List<ListenerSettings> newListeners) {
        return new TransportSettings(newListeners, kind, writeBufferLowWaterMark, writeBufferHighWaterMark);
    }

    public TransportSettings withKind(TransportKind newKind) {
        return new TransportSettings(listeners, newKind, writeBufferLowWaterMark, writeBufferHighWaterMark);
    }
}
