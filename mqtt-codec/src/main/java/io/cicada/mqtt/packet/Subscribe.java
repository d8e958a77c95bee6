package io.cicada.mqtt.packet;

import java.util.List;

/** SUBSCRIBE: one or more topic filters with their options. {@code subscriptions} is never empty once decoded. */
public record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements MqttPacket {
    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
