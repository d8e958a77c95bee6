package io.cicada.server.observe;

import io.cicada.broker.observe.BrokerListener;

/** A broker listener on this module's test class path that fails on every event: the broker must not mind. */
public final class ThrowingTestListener implements BrokerListener {

    @Override
    public void clientConnected(ClientConnected event) {
        throw new IllegalStateException("listener failure on connect (expected by the test)");
    }

    @Override
    public void messagePublished(MessagePublished event) {
        throw new IllegalStateException("listener failure on publish (expected by the test)");
    }
}
