package io.cicada.broker.transport;

import java.util.List;
import java.util.Objects;

/**
 * One listener: a name (used in log lines and by {@link TransportServer#boundPort}), a type, and the address it binds.
 * Immutable. {@link #TCP} is MQTT over TCP, {@link #WS} MQTT over WebSocket (its path, origins and trusted proxies in
 * {@link WebSocketSettings}); any of them may expect a PROXY protocol header first.
 *
 * @param name unique among the broker's listeners, such as {@code tcp}
 * @param type one of {@link #TYPES}
 * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port 0..65535; 0 binds a free port (see {@link TransportServer#boundPort})
 * @param proxyProtocol whether every connection starts with a PROXY protocol v1 or v2 header naming the real client
 * @param webSocket the WebSocket options; used by {@link #WS} listeners only
 */
public record ListenerSettings(
        String name, String type, String host, int port, boolean proxyProtocol, WebSocketSettings webSocket) {

    /** Plain MQTT over TCP. */
    public static final String TCP = "tcp";

    /** MQTT over WebSocket. */
    public static final String WS = "ws";

    /** The listener types this version can start. */
    public static final List<String> TYPES = List.of(TCP, WS);

    public ListenerSettings {
        Objects.requireNonNull(webSocket, "webSocket");
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

    /** A listener without PROXY protocol and with the default WebSocket options. */
    public ListenerSettings(String name, String type, String host, int port) {
        this(name, type, host, port, false, WebSocketSettings.defaults());
    }

    /** A TCP listener. */
    public static ListenerSettings tcp(String name, String host, int port) {
        return new ListenerSettings(name, TCP, host, port);
    }

    /** A WebSocket listener with the default options (path {@code /mqtt}). */
    public static ListenerSettings ws(String name, String host, int port) {
        return new ListenerSettings(name, WS, host, port);
    }

    /** This listener bound elsewhere. */
    public ListenerSettings withAddress(String newHost, int newPort) {
        return new ListenerSettings(name, type, newHost, newPort, proxyProtocol, webSocket);
    }

    /** This listener with or without a PROXY protocol header before each connection. */
    public ListenerSettings withProxyProtocol(boolean enabled) {
        return new ListenerSettings(name, type, host, port, enabled, webSocket);
    }

    /** This listener with other WebSocket options. */
    public ListenerSettings withWebSocket(WebSocketSettings options) {
        return new ListenerSettings(name, type, host, port, proxyProtocol, options);
    }

    /** True for listeners that speak WebSocket. */
    public boolean isWebSocket() {
        return WS.equals(type);
    }

    /** {@code host:port} as configured (port 0 before binding). */
    public String address() {
        return TransportServer.hostPort(host, port);
    }
}
