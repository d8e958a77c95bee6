package io.cicada.broker.transport.limit;

import java.util.Map;

/**
 * Caps on open connections: for the whole broker and per listener (Mosquitto's {@code max_connections}). Immutable.
 *
 * @param total connections across all listeners, 0 for no limit
 * @param perListener connections per listener name; a listener not named has no limit of its own
 */
public record ConnectionLimits(int total, Map<String, Integer> perListener) {

    public ConnectionLimits {
        perListener = Map.copyOf(perListener);
        if (total < 0 || perListener.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("connection limits must not be negative");
        }
    }

    /** No limits. */
    public static ConnectionLimits none() {
        return new ConnectionLimits(0, Map.of());
    }

    /** Whether any limit is set. */
    public boolean any() {
        return total > 0 || perListener.values().stream().anyMatch(v -> v > 0);
    }
}
