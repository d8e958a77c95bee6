package io.cicada.mqtt.packet;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0. {@code topic} may be empty in MQTT 5 when the Topic Alias property names
 * the topic; the connection resolves the alias before routing.
 */
public record Publish(
        String topic, int qos, boolean dup, boolean retain, int packetId, Properties properties, Payload payload)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** A QoS 0 publish with no properties, for tests and tools. */
    public static Publish qos0(String topic, Payload payload) {
        return new Publish(topic, 0, false, false, 0, Properties.EMPTY, payload);
    }
}
