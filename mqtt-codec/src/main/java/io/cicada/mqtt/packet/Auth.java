package io.cicada.mqtt.packet;

/** AUTH (MQTT 5 only): a step of enhanced authentication or re-authentication. */
public record Auth(int reasonCode, Properties properties) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
