package io.cicada.broker.transport;

/**
 * A moment's view of one listener for the admin API. Immutable.
 *
 * @param name the listener's name
 * @param type {@code tcp} or {@code ws}
 * @param host the configured bind address
 * @param port the bound port, or 0 when the listener is not listening
 * @param listening whether the listener is bound and accepting
 * @param connections open client connections accepted through it
 */
public record ListenerStatus(String name, String type, String host, int port, boolean listening, int connections) {}
