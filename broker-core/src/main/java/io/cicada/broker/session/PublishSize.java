package io.cicada.broker.session;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.UserProperty;
import java.nio.charset.StandardCharsets;

/**
 * The encoded size of an MQTT 5 PUBLISH, for the client's Maximum Packet Size [MQTT-3.1.2-24]: counts the properties
 * a routed message can carry (a PUBLISH the broker sends never has the others). Stateless.
 */
public final class PublishSize {
    private PublishSize() {}

    public static long of(Publish publish) {
        long propertiesLength = properties(publish.properties());
        long remaining = stringSize(publish.topic())
                + (publish.qos() > 0 ? 2 : 0)
                + variableByteIntegerSize(propertiesLength)
                + propertiesLength
                + publish.payload().size();
        return 1 + variableByteIntegerSize(remaining) + remaining;
    }

    private static long properties(Properties p) {
        long size = 0;
        if (p.payloadFormatIndicator() != null) {
            size += 2;
        }
        if (p.messageExpiryInterval() != null) {
            size += 5;
        }
        if (p.contentType() != null) {
            size += 1 + stringSize(p.contentType());
        }
        if (p.responseTopic() != null) {
            size += 1 + stringSize(p.responseTopic());
        }
        if (p.correlationData() != null) {
            size += 3 + p.correlationData().length;
        }
        if (p.topicAlias() != null) {
            size += 3;
        }
        for (int identifier : p.subscriptionIdentifiers()) {
            size += 1 + variableByteIntegerSize(identifier);
        }
        for (UserProperty property : p.userProperties()) {
            size += 1 + stringSize(property.name()) + stringSize(property.value());
        }
        return size;
    }

    private static long stringSize(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int variableByteIntegerSize(long value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }
}
