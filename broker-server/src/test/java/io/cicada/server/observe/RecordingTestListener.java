package io.cicada.server.observe;

import io.cicada.broker.observe.BrokerListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker listener found through {@code META-INF/services} on this module's test class path, as a third-party jar
 * would be: keeps every event of the client {@code L}, with the name of the thread it came on, for
 * {@link BrokerListenerPluginTest}.
 */
public final class RecordingTestListener implements BrokerListener {

    /** An event and the thread that delivered it. */
    record Heard(Object event, String thread) {}

    static final String CLIENT = "L";
    static final List<Heard> HEARD = new CopyOnWriteArrayList<>();

    @Override
    public void clientConnected(ClientConnected event) {
        record(event.clientId(), event);
    }

    @Override
    public void clientDisconnected(ClientDisconnected event) {
        record(event.clientId(), event);
    }

    @Override
    public void messagePublished(MessagePublished event) {
        record(event.clientId(), event);
    }

    private static void record(String clientId, Object event) {
        if (CLIENT.equals(clientId)) {
            HEARD.add(new Heard(event, Thread.currentThread().getName()));
        }
    }
}
