package io.cicada.mqtt.packet;

/**
 * CONNACK. {@code reasonCode} is the MQTT 5 Connect Reason Code, or the 3.1 / 3.1.1 Connect Return Code (0..5, see
 * {@link ReasonCode}); the connection knows which.
 */
public record ConnAck(boolean sessionPresent, int reasonCode, Properties properties) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
