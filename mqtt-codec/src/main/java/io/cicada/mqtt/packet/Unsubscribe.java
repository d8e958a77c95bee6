package io.cicada.mqtt.packet;

import java.util.List;

/** UNSUBSCRIBE: one or more topic filters to remove. */
public record Unsubscribe(int packetId, List<String> topicFilters, Properties properties) implements MqttPacket {
    public Unsubscribe {
        topicFilters = List.copyOf(topicFilters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
