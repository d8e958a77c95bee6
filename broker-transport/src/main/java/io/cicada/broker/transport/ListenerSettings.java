package io.cicada.broker.transport;

import java.util.List;
import java.util.Objects;

/**
 * One listener: a name (used in log lines and by {@link TransportServer#boundPort}), a type, and the address it binds.
 * Immutable. Only plain TCP exists in this version; the {@code type} field leaves room for TLS and WebSocket
 * listeners, which add their own fields (certificates, path) when they come.
 *
 * @param name unique among the broker's listeners, such as {@code tcp}
 * @param type {@link #TCP}, the only type accepted for now
 * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port 0..65535; 0 binds a free port (see {@link TransportServer#boundPort})
 */
public record ListenerSettings(String name, String type, String host, int port) {

    /** Plain MQTT over TCP. */
    public static final String TCP = "tcp";

    /** The listener types this version can start. */
    public static final List<String> TYPES = List.of(TCP);

    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        if (name.isBlank()) {
            throw new IllegalArgumentException("listener name must not be empty");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("listener type must be one of " + TYPES + ", got '" + type + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** A TCP listener. */
    public static ListenerSettings tcp(String name, String host, int port) {
        return new ListenerSettings(name, TCP, host, port);
    }

    /** This listener bound elsewhere. */
    public ListenerSettings withAddress(String newHost, int newPort) {
        return new ListenerSettings(name, type, newHost, newPort);
    }

    /** {@code host:port} as configured (port 0 before binding). */
    public String address() {
        return TransportServer.hostPort(host, port);
    }
}
