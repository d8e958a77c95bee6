package io.cicada.mqtt.packet;

/** PINGRESP: the broker's answer to PINGREQ. Has no fields; use {@link #INSTANCE}. */
public record PingResp() implements MqttPacket {
    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
