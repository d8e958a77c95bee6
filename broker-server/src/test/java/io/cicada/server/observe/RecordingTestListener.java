package io.cicada.server.observe;

import io.cicada.broker.observe.BrokerListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker listener found through {@code META-INF/services} on this module's test class path, as a third-party jar
 * would be: keeps every event, with the name of the thread it came on, for {@link BrokerListenerPluginTest}.
 */
public final class RecordingTestListener implements BrokerListener {

    /** An event and the thread that delivered it. */
    record Heard(Object event, String thread) {}

    static final List<Heard> HEARD = new CopyOnWriteArrayList<>();

    @Override
    public void clientConnected(ClientConnected event) {
        HEARD.add(new Heard(event, Thread.currentThread().getName()));
    }

    @Override
    public void clientDisconnected(ClientDisconnected event) {
        HEARD.add(new Heard(event, Thread.currentThread().getName()));
    }

    @Override
    public void messagePublished(MessagePublished event) {
        HEARD.add(new Heard(event, Thread.currentThread().getName()));
    }
}
