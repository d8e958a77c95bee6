package io.cicada.cli.client;

import io.netty.handler.ssl.SslContext;

/**
 * Where a tool connects: host, port, the TLS context when the connection is encrypted and the HTTP path when MQTT
 * runs inside WebSocket. Immutable.
 *
 * @param ssl null for plain TCP
 * @param webSocketPath the path of the WebSocket upgrade (such as {@code /mqtt}), or null for MQTT straight over
 *     TCP
 */
public record Endpoint(String host, int port, SslContext ssl, int connectTimeoutMillis, String webSocketPath) {

    /** MQTT straight over TCP (or TLS when {@code ssl} is set). */
    public Endpoint(String host, int port, SslContext ssl, int connectTimeoutMillis) {
        this(host, port, ssl, connectTimeoutMillis, null);
    }

    /** Plain TCP with a 10-second connect timeout. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint(host, port, null, 10_000);
    }

    /** Whether MQTT runs inside WebSocket (ws, or wss with {@link #ssl()}). */
    public boolean isWebSocket() {
        return webSocketPath != null;
    }
}
