package io.cicada.server.config;

import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.WebSocketSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional keys of one listener entry beyond name, type, host and port: PROXY protocol and the WebSocket options,
 * with their value types, and how they change a {@link ListenerSettings}. Immutable and shared.
 */
final class ListenerOptions {

    /** Option key → its value type, in documentation order. */
    static final Map<String, ValueType> TYPES = types();

    private ListenerOptions() {}

    private static Map<String, ValueType> types() {
        Map<String, ValueType> types = new LinkedHashMap<>();
        types.put("proxy_protocol", ValueType.bool());
        types.put(
                "path",
                new ValueType(
                        "a path starting with '/'",
                        text -> text.startsWith("/") && text.chars().noneMatch(c -> c <= ' ') ? text : null));
        types.put("websocket_compression", ValueType.bool());
        types.put("allowed_origins", ValueType.text(4096));
        types.put("trusted_proxies", ValueType.text(4096));
        return types;
    }

    /** {@code listener} with the options read from its entry (keys of {@link #TYPES}, values parsed). */
    static ListenerSettings apply(ListenerSettings listener, Map<String, Object> options) {
        WebSocketSettings ws = listener.webSocket();
        ListenerSettings result = listener;
        for (Map.Entry<String, Object> option : options.entrySet()) {
            Object value = option.getValue();
            switch (option.getKey()) {
                case "proxy_protocol" -> result = result.withProxyProtocol((boolean) value);
                case "path" -> ws = ws.withPath((String) value);
                case "websocket_compression" -> ws = ws.withCompression((boolean) value);
                case "allowed_origins" -> ws = ws.withAllowedOrigins(list((String) value));
                case "trusted_proxies" -> ws = ws.withTrustedProxies(list((String) value));
                default -> throw new IllegalArgumentException("unknown listener option " + option.getKey());
            }
        }
        return result.withWebSocket(ws);
    }

    /** A comma-separated list, blanks trimmed and empty items dropped. */
    static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
