package io.cicada.mqtt.packet;

/** PINGREQ: keep-alive probe from the client. Has no fields; use {@link #INSTANCE}. */
public record PingReq() implements MqttPacket {
    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
