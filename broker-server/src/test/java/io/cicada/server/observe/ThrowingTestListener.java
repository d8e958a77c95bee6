package io.cicada.server.observe;

import io.cicada.broker.observe.BrokerListener;

/**
 * A broker listener on this module's test class path that fails on every event of the client {@code L} (and nothing
 * else, so the module's other tests and their logs are unaffected): the broker must not mind.
 */
public final class ThrowingTestListener implements BrokerListener {

    @Override
    public void clientConnected(ClientConnected event) {
        if (!RecordingTestListener.CLIENT.equals(event.clientId())) {
            return;
        }
        throw new IllegalStateException("listener failure on connect (expected by the test)");
    }

    @Override
    public void messagePublished(MessagePublished event) {
        if (!RecordingTestListener.CLIENT.equals(event.clientId())) {
            return;
        }
        throw new IllegalStateException("listener failure on publish (expected by the test)");
    }
}
