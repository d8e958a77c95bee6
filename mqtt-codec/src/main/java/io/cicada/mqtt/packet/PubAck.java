package io.cicada.mqtt.packet;

/**
 * PUBACK, the answer to a QoS 1 PUBLISH. {@code reasonCode} is 0x00 in MQTT 3.1 / 3.1.1, which have no reason code; properties are empty there.
 */
public record PubAck(int packetId, int reasonCode, Properties properties) implements MqttPacket {
    /** A success answer with no properties. */
    public PubAck(int packetId) {
        this(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
