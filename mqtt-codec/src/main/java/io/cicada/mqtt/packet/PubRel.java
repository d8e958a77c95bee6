package io.cicada.mqtt.packet;

/**
 * PUBREL, the release of a QoS 2 PUBLISH after PUBREC. {@code reasonCode} is 0x00 in MQTT 3.1 / 3.1.1, which have no reason code; properties are empty there.
 */
public record PubRel(int packetId, int reasonCode, Properties properties) implements MqttPacket {
    /** A success answer with no properties. */
    public PubRel(int packetId) {
        this(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
