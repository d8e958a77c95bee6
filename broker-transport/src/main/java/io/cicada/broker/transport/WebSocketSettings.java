package io.cicada.broker.transport;

import java.util.List;
import java.util.Objects;

/**
 * How a WebSocket listener accepts clients: the HTTP path of the upgrade, whether per-message-deflate may be
 * negotiated, which browser origins may connect, and which peers may name the real client in {@code
 * X-Forwarded-For}. Immutable.
 *
 * @param path the request path of the upgrade, such as {@code /mqtt}; other paths get 404
 * @param compression whether the {@code permessage-deflate} extension is offered when a client asks for it
 * @param allowedOrigins {@code Origin} header values that may connect; empty allows any origin (and requests
 *     without one, as non-browser clients send)
 * @param trustedProxies peer IP addresses whose {@code X-Forwarded-For} header is believed; from any other peer the
 *     header is ignored
 */
public record WebSocketSettings(
        String path, boolean compression, List<String> allowedOrigins, List<String> trustedProxies) {

    /** The default upgrade path. */
    public static final String DEFAULT_PATH = "/mqtt";

    public WebSocketSettings {
        Objects.requireNonNull(path, "path");
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("WebSocket path must start with '/', got '" + path + "'");
        }
    }

    /** Path {@code /mqtt}, no compression, any origin, no trusted proxies. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(DEFAULT_PATH, false, List.of(), List.of());
    }

    public WebSocketSettings withPath(String newPath) {
        return new WebSocketSettings(newPath, compression, allowedOrigins, trustedProxies);
    }

    public WebSocketSettings withCompression(boolean enabled) {
        return new WebSocketSettings(path, enabled, allowedOrigins, trustedProxies);
    }

    public WebSocketSettings withAllowedOrigins(List<String> origins) {
        return new WebSocketSettings(path, compression, origins, trustedProxies);
    }

    public WebSocketSettings withTrustedProxies(List<String> proxies) {
        return new WebSocketSettings(path, compression, allowedOrigins, proxies);
    }

    /** Whether a browser from {@code origin} (null when the request had none) may connect. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || (origin != null && allowedOrigins.contains(origin));
    }
}
