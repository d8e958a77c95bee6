package io.cicada.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the limit keys of one listener entry: {@code max_connections} (open connections on the listener, as in
 * Mosquitto), {@code max_connect_rate} and {@code connect_rate_burst} (new connections a second, replacing the
 * top-level values for this listener). One instance per listener entry; not thread-safe.
 */
final class ListenerLimitKeys {

    static final String MAX_CONNECTIONS = "max_connections";
    static final String MAX_CONNECT_RATE = "max_connect_rate";
    static final String CONNECT_RATE_BURST = "connect_rate_burst";

    /** The keys, in documentation order. */
    static final List<String> KEYS = List.of(MAX_CONNECTIONS, MAX_CONNECT_RATE, CONNECT_RATE_BURST);

    /** Values of {@link #MAX_CONNECTIONS}, {@link #MAX_CONNECT_RATE} and {@link #CONNECT_RATE_BURST}. */
    static final ValueType COUNT = ValueType.integer(0, Integer.MAX_VALUE);

    private final Map<String, Integer> values = new LinkedHashMap<>();

    /**
     * Stores one key.
     *
     * @throws ConfigException at {@code origin} for a duplicate key or a bad value
     */
    void set(String key, String text, String origin) {
        if (values.containsKey(key)) {
            throw ConfigException.at(origin, "duplicate key '" + key + "'");
        }
        values.put(key, (Integer) ConfigKey.parse(key, COUNT, text, origin));
    }

    /** The values given, by key. */
    Map<String, Integer> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Puts this listener's values into the configuration being built. */
    void applyTo(String listenerName, ServerConfig.Builder builder) {
        Integer max = values.get(MAX_CONNECTIONS);
        if (max != null) {
            builder.listenerMaxConnections.put(listenerName, max);
        }
        Integer rate = values.get(MAX_CONNECT_RATE);
        if (rate != null) {
            builder.listenerConnectRates.put(listenerName, rate);
        }
        Integer burst = values.get(CONNECT_RATE_BURST);
        if (burst != null) {
            builder.listenerConnectBursts.put(listenerName, burst);
        }
    }
}
