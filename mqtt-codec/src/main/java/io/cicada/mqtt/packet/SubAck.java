package io.cicada.mqtt.packet;

import java.util.List;

/**
 * SUBACK: one reason code per filter of the SUBSCRIBE, in order (granted QoS 0..2, or 0x80 and above for a failure).
 */
public record SubAck(int packetId, List<Integer> reasonCodes, Properties properties) implements MqttPacket {
    public SubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
