package io.cicada.mqtt.packet;

/**
 * DISCONNECT, from either side in MQTT 5 (from the client only in 3.1 / 3.1.1, where it has no reason code and
 * {@code reasonCode} is 0x00).
 */
public record Disconnect(int reasonCode, Properties properties) implements MqttPacket {
    /** Normal disconnection (0x00) with no properties. */
    public static final Disconnect NORMAL = new Disconnect(ReasonCode.SUCCESS, Properties.EMPTY);

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
