package io.cicada.broker.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every connection the core accepted and that has not closed yet, for shutdown. Thread-safe: connections add and
 * remove themselves on their own event loops; shutdown reads from another thread.
 */
public final class OpenConnections {
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    void add(Connection connection) {
        connections.add(connection);
    }

    void remove(Connection connection) {
        connections.remove(connection);
    }

    public int size() {
        return connections.size();
    }

    public void forEach(Consumer<Connection> visitor) {
        connections.forEach(visitor);
    }
}
