package io.cicada.broker.connection;

import io.cicada.mqtt.packet.MqttPacket;

/**
 * What the transport calls on the core for one client connection, always on the connection's event loop, in order:
 * any number of {@link #receive} / {@link #readComplete} / {@link #writabilityChanged}, then {@link #closed} once.
 */
public interface Inbound {

    /** One decoded packet, or a {@link io.cicada.mqtt.packet.MalformedPacket}. */
    void receive(MqttPacket packet);

    /** The end of one socket read cycle: the point to flush everything queued during it. */
    void readComplete();

    /** The outbound buffer crossed its high- or low-water mark. */
    void writabilityChanged(boolean writable);

    /** The connection is gone (closed by either side or by an I/O error). Called exactly once. */
    void closed();
}
