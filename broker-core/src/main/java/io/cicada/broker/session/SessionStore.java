package io.cicada.broker.session;

import java.util.function.Consumer;

/**
 * Storage port for the sessions of the broker, by client id (the durability issue adds a RocksDB one). Thread-safe:
 * every operation is atomic per client id, because connects on different event loops race for the same id.
 */
public interface SessionStore {

    /** The session of {@code clientId}, or null. */
    Session get(String clientId);

    /** Stores {@code session} unless one exists; returns the existing one, or null when {@code session} was stored. */
    Session putIfAbsent(Session session);

    /** Stores {@code session}, replacing and returning any existing one (or null). */
    Session put(Session session);

    /** Removes the entry only while it still maps to {@code session}; true if removed. */
    boolean remove(Session session);

    /** Number of sessions, connected or not. */
    int size();

    /** Visits a moment's view of every session. */
    void forEach(Consumer<Session> visitor);
}
