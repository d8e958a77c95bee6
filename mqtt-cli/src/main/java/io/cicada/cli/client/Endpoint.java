package io.cicada.cli.client;

import io.netty.handler.ssl.SslContext;

/**
 * Where a tool connects: host, port, and the TLS context when the connection is encrypted. Immutable.
 *
 * @param ssl null for plain TCP
 */
public record Endpoint(String host, int port, SslContext ssl, int connectTimeoutMillis) {

    /** Plain TCP with a 10-second connect timeout. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint(host, port, null, 10_000);
    }
}
