package io.cicada.cli.client;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Publish;

/**
 * What a tool does with what the broker sends on one {@link MqttConnection}. Every method is called on that
 * connection's event loop, so implementations must not block.
 */
public interface PacketListener {

    /** An application message arrived (the connection acknowledges QoS 1/2 itself, right after this returns). */
    default void message(Publish publish) {}

    /** The broker sent DISCONNECT (MQTT 5); the connection closes next. */
    default void disconnected(Disconnect disconnect) {}

    /** The outbound buffer crossed its high or low water mark. */
    default void writable(boolean writable) {}

    /** The connection closed; {@code failure} is null for a normal close. */
    default void closed(Throwable failure) {}
}
