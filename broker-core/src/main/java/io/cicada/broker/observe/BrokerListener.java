package io.cicada.broker.observe;

/**
 * Hears what clients do: connect, disconnect, publish. A plugin SPI: the server loads implementations with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.cicada.broker.observe.BrokerListener}); embedders pass
 * them to {@code BrokerCore.Builder#brokerListeners}.
 *
 * <p>Threading contract: every method is called on one broker thread, {@code cicada-broker-listeners}, never on an
 * event loop, one event at a time and in the order the events happened (a client's connect comes before its publishes
 * and its disconnect). Events queue for that thread, so a listener should return quickly: while it blocks, events
 * wait, and past 10 000 waiting events new ones are dropped (counted and logged) rather than slowing clients down. An
 * exception a listener throws is logged and the next event is delivered as usual; the broker is not affected.
 */
public interface BrokerListener {

    /** A client completed CONNECT (the CONNACK accepted it). */
    default void clientConnected(ClientConnected event) {}

    /** A connected client left, for {@code event.reason()}. */
    default void clientDisconnected(ClientDisconnected event) {}

    /** The broker accepted a client's PUBLISH and routed it (refused publishes are not reported). */
    default void messagePublished(MessagePublished event) {}

    /**
     * @param username null when the CONNECT had none
     * @param address the client's {@code host:port}
     * @param listener the listener's name, such as {@code tcp}
     * @param protocolVersion {@code 3.1}, {@code 3.1.1} or {@code 5.0}
     * @param timestamp milliseconds since the epoch
     */
    record ClientConnected(
            String clientId,
            String username,
            String address,
            String listener,
            String protocolVersion,
            long timestamp) {}

    /** As {@link ClientConnected}, with why the client left (as in the broker's log line). */
    record ClientDisconnected(
            String clientId,
            String username,
            String address,
            String listener,
            String protocolVersion,
            String reason,
            long timestamp) {}

    /** A routed PUBLISH: its topic (after topic alias resolution), QoS, retain flag and payload size in bytes. */
    record MessagePublished(
            String clientId, String username, String topic, int qos, boolean retain, int payloadSize, long timestamp) {}
}
