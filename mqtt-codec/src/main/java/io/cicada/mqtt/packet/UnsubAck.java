package io.cicada.mqtt.packet;

import java.util.List;

/**
 * UNSUBACK. MQTT 5 carries one reason code per filter; in MQTT 3.1 / 3.1.1 {@code reasonCodes} is empty because the
 * packet has no payload.
 */
public record UnsubAck(int packetId, List<Integer> reasonCodes, Properties properties) implements MqttPacket {
    public UnsubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
