package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.topic.Topics;

/**
 * Reads the variable header and payload of a PUBLISH (§3.3); the fixed-header flags were checked by the decoder. The
 * application message is copied exactly once, into the array {@link Payload#wrap} keeps. Stateless; any thread.
 */
final class PublishReader {
    private PublishReader() {}

    /**
     * @param fromClient true in the server role, where the PUBLISH comes from a client
     */
    static Publish read(BodyReader in, int flags, MqttVersion version, boolean fromClient) {
        int qos = (flags >> 1) & 0x03;
        boolean dup = (flags & 0x08) != 0;
        boolean retain = (flags & 0x01) != 0;
        String topic = in.readString("topic name"); // [MQTT-3.3.2-1]
        int packetId = 0;
        if (qos > 0) {
            packetId = PacketIdentifiers.read(in, PacketType.PUBLISH, version);
        }
        Properties properties =
                version.isV5() ? PropertiesReader.read(in, PropertyId.Scope.PUBLISH, "PUBLISH") : Properties.EMPTY;
        if (topic.isEmpty()) {
            if (!version.isV5()) {
                // [MQTT-4.7.3-1] topic names are at least one character long
                throw new PacketViolation(ReasonCode.TOPIC_NAME_INVALID, "empty topic name", "MQTT-4.7.3-1");
            }
            if (properties.topicAlias() == null) {
                // §3.3.2.1: "It is a Protocol Error if the Topic Name is zero length and there is no Topic Alias"
                throw PacketViolation.protocolError("empty topic name without a Topic Alias", null);
            }
        } else if (!Topics.isValidTopicName(topic)) {
            // [MQTT-3.3.2-2] the topic name in a PUBLISH must not contain wildcard characters
            throw new PacketViolation(ReasonCode.TOPIC_NAME_INVALID, "wildcard in topic name", "MQTT-3.3.2-2");
        }
        if (fromClient && !properties.subscriptionIdentifiers().isEmpty()) {
            // [MQTT-3.3.4-6] a PUBLISH from a client must not carry a Subscription Identifier
            throw PacketViolation.protocolError(
                    "PUBLISH from a client carries a Subscription Identifier", "MQTT-3.3.4-6");
        }
        return new Publish(topic, qos, dup, retain, packetId, properties, Payload.wrap(in.readRest()));
    }
}
