package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.UserProperty;
import io.netty.buffer.ByteBuf;

/**
 * Writes MQTT 5 properties (§2.2.2) in identifier order, User Properties in their given order. Writes whatever the
 * {@link Properties} hold; which properties a packet may carry is the caller's business. Stateless; any thread.
 */
final class PropertiesWriter {
    private PropertiesWriter() {}

    /** The bytes of the properties without the Property Length in front. */
    static int size(Properties p) {
        if (p.isEmpty()) {
            return 0;
        }
        int n = 0;
        n += p.payloadFormatIndicator() != null ? 2 : 0;
        n += p.messageExpiryInterval() != null ? 5 : 0;
        n += stringSize(p.contentType());
        n += stringSize(p.responseTopic());
        n += binarySize(p.correlationData());
        for (int id : p.subscriptionIdentifiers()) {
            n += 1 + VariableByteInteger.size(id);
        }
        n += p.sessionExpiryInterval() != null ? 5 : 0;
        n += stringSize(p.assignedClientIdentifier());
        n += p.serverKeepAlive() != null ? 3 : 0;
        n += stringSize(p.authenticationMethod());
        n += binarySize(p.authenticationData());
        n += p.requestProblemInformation() != null ? 2 : 0;
        n += p.willDelayInterval() != null ? 5 : 0;
        n += p.requestResponseInformation() != null ? 2 : 0;
        n += stringSize(p.responseInformation());
        n += stringSize(p.serverReference());
        n += stringSize(p.reasonString());
        n += p.receiveMaximum() != null ? 3 : 0;
        n += p.topicAliasMaximum() != null ? 3 : 0;
        n += p.topicAlias() != null ? 3 : 0;
        n += p.maximumQos() != null ? 2 : 0;
        n += p.retainAvailable() != null ? 2 : 0;
        for (UserProperty u : p.userProperties()) {
            n += 1 + MqttStrings.encodedSize(u.name()) + MqttStrings.encodedSize(u.value());
        }
        n += p.maximumPacketSize() != null ? 5 : 0;
        n += p.wildcardSubscriptionAvailable() != null ? 2 : 0;
        n += p.subscriptionIdentifierAvailable() != null ? 2 : 0;
        n += p.sharedSubscriptionAvailable() != null ? 2 : 0;
        return n;
    }

    /** The Property Length followed by the properties. */
    static void write(ByteBuf out, Properties p) {
        int size = size(p);
        VariableByteInteger.write(out, size);
        if (size == 0) {
            return;
        }
        writeByte(out, PropertyId.PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator());
        writeFour(out, PropertyId.MESSAGE_EXPIRY_INTERVAL, p.messageExpiryInterval());
        writeString(out, PropertyId.CONTENT_TYPE, p.contentType());
        writeString(out, PropertyId.RESPONSE_TOPIC, p.responseTopic());
        writeBinary(out, PropertyId.CORRELATION_DATA, p.correlationData());
        for (int id : p.subscriptionIdentifiers()) {
            out.writeByte(PropertyId.SUBSCRIPTION_IDENTIFIER.id());
            VariableByteInteger.write(out, id);
        }
        writeFour(out, PropertyId.SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        writeString(out, PropertyId.ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
        writeTwo(out, PropertyId.SERVER_KEEP_ALIVE, p.serverKeepAlive());
        writeString(out, PropertyId.AUTHENTICATION_METHOD, p.authenticationMethod());
        writeBinary(out, PropertyId.AUTHENTICATION_DATA, p.authenticationData());
        writeByte(out, PropertyId.REQUEST_PROBLEM_INFORMATION, p.requestProblemInformation());
        writeFour(out, PropertyId.WILL_DELAY_INTERVAL, p.willDelayInterval());
        writeByte(out, PropertyId.REQUEST_RESPONSE_INFORMATION, p.requestResponseInformation());
        writeString(out, PropertyId.RESPONSE_INFORMATION, p.responseInformation());
        writeString(out, PropertyId.SERVER_REFERENCE, p.serverReference());
        writeString(out, PropertyId.REASON_STRING, p.reasonString());
        writeTwo(out, PropertyId.RECEIVE_MAXIMUM, p.receiveMaximum());
        writeTwo(out, PropertyId.TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        writeTwo(out, PropertyId.TOPIC_ALIAS, p.topicAlias());
        writeByte(out, PropertyId.MAXIMUM_QOS, p.maximumQos());
        writeByte(out, PropertyId.RETAIN_AVAILABLE, p.retainAvailable());
        for (UserProperty u : p.userProperties()) {
            out.writeByte(PropertyId.USER_PROPERTY.id());
            MqttStrings.write(out, u.name());
            MqttStrings.write(out, u.value());
        }
        writeFour(out, PropertyId.MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        writeByte(out, PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, p.wildcardSubscriptionAvailable());
        writeByte(out, PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, p.subscriptionIdentifierAvailable());
        writeByte(out, PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, p.sharedSubscriptionAvailable());
    }

    /** The Property Length and properties together. */
    static int sizeWithLength(Properties p) {
        int size = size(p);
        return VariableByteInteger.size(size) + size;
    }

    private static int stringSize(String s) {
        return s == null ? 0 : 1 + MqttStrings.encodedSize(s);
    }

    private static int binarySize(byte[] b) {
        return b == null ? 0 : 3 + b.length;
    }

    private static void writeByte(ByteBuf out, PropertyId id, Integer value) {
        if (value != null) {
            out.writeByte(id.id());
            out.writeByte(value);
        }
    }

    private static void writeTwo(ByteBuf out, PropertyId id, Integer value) {
        if (value != null) {
            out.writeByte(id.id());
            out.writeShort(value);
        }
    }

    private static void writeFour(ByteBuf out, PropertyId id, Long value) {
        if (value != null) {
            out.writeByte(id.id());
            out.writeInt((int) value.longValue());
        }
    }

    private static void writeString(ByteBuf out, PropertyId id, String value) {
        if (value != null) {
            out.writeByte(id.id());
            MqttStrings.write(out, value);
        }
    }

    private static void writeBinary(ByteBuf out, PropertyId id, byte[] value) {
        if (value != null) {
            out.writeByte(id.id());
            out.writeShort(value.length);
            out.writeBytes(value);
        }
    }
}
