package io.cicada.broker.observe;

import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's counters: connected clients, messages and payload bytes in and out, dropped messages. Thread-safe:
 * every event loop adds to the {@link LongAdder}s without contention; readers ($SYS, metrics) get a moment's sum.
 */
public final class BrokerStats {
    private final LongAdder connectedClients = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();

    public void clientConnected() {
        connectedClients.increment();
    }

    public void clientDisconnected() {
        connectedClients.decrement();
    }

    /** A PUBLISH arrived from a client (payload bytes only). */
    public void messageReceived(int payloadBytes) {
        messagesReceived.increment();
        bytesReceived.add(payloadBytes);
    }

    /** A PUBLISH went out to a client (payload bytes only). */
    public void messageSent(int payloadBytes) {
        messagesSent.increment();
        bytesSent.add(payloadBytes);
    }

    /** A message was not delivered to one subscriber because a bound was hit or it was not queued offline. */
    public void messageDropped() {
        messagesDropped.increment();
    }

    public int connectedClients() {
        return connectedClients.intValue();
    }

    public long messagesReceived() {
        return messagesReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long messagesDropped() {
        return messagesDropped.sum();
    }
}
