package io.cicada.broker.transport.limit;

import java.util.Map;
import java.util.Objects;

/**
 * Caps on connections: open ones for the whole broker and per listener (Mosquitto's {@code max_connections}), and how
 * fast new ones may arrive on each listener ({@code max_connect_rate}). Immutable.
 *
 * @param total connections across all listeners, 0 for no limit
 * @param perListener connections per listener name; a listener not named has no limit of its own
 * @param connectRate the connect rate of every listener that has none of its own
 * @param listenerConnectRates connect rates by listener name, replacing {@code connectRate} there
 */
public record ConnectionLimits(
        int total,
        Map<String, Integer> perListener,
        ConnectRate connectRate,
        Map<String, ConnectRate> listenerConnectRates) {

    public ConnectionLimits {
        perListener = Map.copyOf(perListener);
        listenerConnectRates = Map.copyOf(listenerConnectRates);
        Objects.requireNonNull(connectRate, "connectRate");
        if (total < 0 || perListener.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("connection limits must not be negative");
        }
    }

    /** Caps on open connections only; no connect rate. */
    public ConnectionLimits(int total, Map<String, Integer> perListener) {
        this(total, perListener, ConnectRate.NONE, Map.of());
    }

    /** No limits. */
    public static ConnectionLimits none() {
        return new ConnectionLimits(0, Map.of());
    }

    /** Whether any cap on open connections is set. */
    public boolean any() {
        return total > 0 || perListener.values().stream().anyMatch(v -> v > 0);
    }

    /** The connect rate of the named listener: its own, or the broker-wide default. */
    public ConnectRate connectRateOf(String listenerName) {
        return listenerConnectRates.getOrDefault(listenerName, connectRate);
    }

    /** These limits with a connect rate for every listener without one of its own. */
    public ConnectionLimits withConnectRate(ConnectRate rate) {
        return new ConnectionLimits(total, perListener, rate, listenerConnectRates);
    }

    /** These limits with a connect rate of the named listener's own. */
    public ConnectionLimits withListenerConnectRate(String listenerName, ConnectRate rate) {
        Map<String, ConnectRate> rates = new java.util.LinkedHashMap<>(listenerConnectRates);
        rates.put(listenerName, rate);
        return new ConnectionLimits(total, perListener, connectRate, rates);
    }
}
