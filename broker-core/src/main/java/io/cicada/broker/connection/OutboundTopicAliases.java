package io.cicada.broker.connection;

import io.cicada.broker.session.PublishSize;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Topic Aliases the broker assigns on one connection's outbound PUBLISH packets (MQTT 5 §3.3.2.3.4). The first
 * PUBLISH on a topic carries the topic and a new alias; later ones carry the alias and an empty topic. At most the
 * Topic Alias Maximum the client sent in CONNECT are used [MQTT-3.3.2-10]; once all are in use, the least recently
 * used alias is re-mapped to the new topic (a PUBLISH with topic and alias re-maps it for the client too). Aliases
 * live and die with the connection [MQTT-3.3.2-7]. Touched only on the connection's event loop.
 */
final class OutboundTopicAliases {
    private final int maximum;
    private final long maximumPacketSize;
    /** Topic → alias, in least-recently-used order. */
    private final LinkedHashMap<String, Integer> byTopic = new LinkedHashMap<>(16, 0.75f, true);

    private final Map<Integer, String> byAlias = new HashMap<>();

    /**
     * @param maximum the number of aliases that may be used: the client's Topic Alias Maximum, capped by policy
     * @param maximumPacketSize the client's Maximum Packet Size: a new alias adds 3 bytes, so a PUBLISH that would
     *     then be too large goes without one
     */
    OutboundTopicAliases(int maximum, long maximumPacketSize) {
        this.maximum = maximum;
        this.maximumPacketSize = maximumPacketSize;
    }

    /** The PUBLISH to send: with a Topic Alias, and an empty topic when the client already knows the alias. */
    Publish apply(Publish publish) {
        if (maximum <= 0 || publish.topic().isEmpty()) {
            return publish;
        }
        String topic = publish.topic();
        Integer known = byTopic.get(topic);
        if (known != null) {
            return with(publish, "", known);
        }
        if (PublishSize.of(publish) + 3 > maximumPacketSize) {
            return publish;
        }
        int alias;
        if (byAlias.size() < maximum) {
            alias = byAlias.size() + 1; // [MQTT-3.3.2-10] 1..maximum
        } else {
            Map.Entry<String, Integer> eldest = byTopic.entrySet().iterator().next();
            alias = eldest.getValue();
            byTopic.remove(eldest.getKey());
        }
        byTopic.put(topic, alias);
        byAlias.put(alias, topic);
        return with(publish, topic, alias);
    }

    int size() {
        return byAlias.size();
    }

    private static Publish with(Publish publish, String topic, int alias) {
        Properties properties =
                publish.properties().toBuilder().topicAlias(alias).build();
        return new Publish(
                topic,
                publish.qos(),
                publish.dup(),
                publish.retain(),
                publish.packetId(),
                properties,
                publish.payload());
    }
}
