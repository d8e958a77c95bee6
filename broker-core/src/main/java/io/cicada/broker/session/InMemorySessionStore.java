package io.cicada.broker.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A {@link SessionStore} in a {@link ConcurrentHashMap}: nothing survives a restart. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    @Override
    public Session putIfAbsent(Session session) {
        return sessions.putIfAbsent(session.clientId(), session);
    }

    @Override
    public Session put(Session session) {
        return sessions.put(session.clientId(), session);
    }

    @Override
    public boolean remove(Session session) {
        return sessions.remove(session.clientId(), session);
    }

    @Override
    public int size() {
        return sessions.size();
    }

    @Override
    public void forEach(Consumer<Session> visitor) {
        sessions.values().forEach(visitor);
    }
}
