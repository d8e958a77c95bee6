package io.cicada.broker.connection;

/**
 * The core's entry point for new client connections. The transport calls {@link #accept} once per accepted socket,
 * on that socket's event loop, and drives the returned {@link Inbound} from then on. Thread-safe.
 */
public interface ConnectionAcceptor {
    Inbound accept(Outbound outbound);
}
