package io.cicada.mqtt.packet;

/**
 * PUBCOMP, the last step of the QoS 2 flow. {@code reasonCode} is 0x00 in MQTT 3.1 / 3.1.1, which have no reason code; properties are empty there.
 */
public record PubComp(int packetId, int reasonCode, Properties properties) implements MqttPacket {
    /** A success answer with no properties. */
    public PubComp(int packetId) {
        this(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
