package io.cicada.broker.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic of one listener: PUBLISH packets and their payload bytes read from and written to the connections it
 * accepted (re-sent PUBLISHes included, as they cross the wire). Each connection gets its listener's instance when it is
 * accepted, so counting costs two {@link LongAdder} additions per PUBLISH and no lookup. Thread-safe: every event loop
 * adds without contention; readers (the metrics) get a moment's sum.
 */
public final class ListenerTraffic {

    private final String listenerName;
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();

    ListenerTraffic(String listenerName) {
        this.listenerName = listenerName;
    }

    /** A PUBLISH with {@code payloadBytes} of payload was read from a client. */
    void received(int payloadBytes) {
        messagesReceived.increment();
        bytesReceived.add(payloadBytes);
    }

    /** A PUBLISH with {@code payloadBytes} of payload was written to a client. */
    void sent(int payloadBytes) {
        messagesSent.increment();
        bytesSent.add(payloadBytes);
    }

    public String listenerName() {
        return listenerName;
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
}
