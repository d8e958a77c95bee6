package io.cicada.mqtt.packet;

/**
 * PUBREC, the first answer to a QoS 2 PUBLISH. {@code reasonCode} is 0x00 in MQTT 3.1 / 3.1.1, which have no reason code; properties are empty there.
 */
public record PubRec(int packetId, int reasonCode, Properties properties) implements MqttPacket {
    /** A success answer with no properties. */
    public PubRec(int packetId) {
        this(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
