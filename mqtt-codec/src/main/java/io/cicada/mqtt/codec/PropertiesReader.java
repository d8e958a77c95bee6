package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.topic.Topics;

/**
 * Reads the MQTT 5 properties of one packet or will (§2.2.2) and enforces the rules about them: an unknown identifier
 * or one the packet may not carry is a Malformed Packet; a second copy of a non-repeatable property and an
 * out-of-range value are Protocol Errors, as each property's description in §3 says. Stateless; any thread.
 */
final class PropertiesReader {
    private PropertiesReader() {}

    /**
     * Reads the Property Length and the properties after it.
     *
     * @param scope the {@link PropertyId.Scope} bit of the packet type, or {@link PropertyId.Scope#WILL}
     * @param where the packet or "will", for messages
     */
    static Properties read(BodyReader body, int scope, String where) {
        int length = body.readVariableByteInteger(where + " property length");
        if (length > body.remaining()) {
            throw PacketViolation.malformed(
                    where + " property length " + length + " exceeds the " + body.remaining() + " bytes left", null);
        }
        if (length == 0) {
            return Properties.EMPTY;
        }
        BodyReader in = body.limited(length, where + " properties");
        Properties.Builder b = Properties.builder();
        long seen = 0;
        while (in.hasRemaining()) {
            int id = in.readVariableByteInteger(where + " property identifier");
            PropertyId property = PropertyId.of(id);
            if (property == null) {
                throw PacketViolation.malformed(
                        where + " has unknown property identifier 0x" + Integer.toHexString(id), null);
            }
            if (!property.allowedInScope(scope)) {
                throw PacketViolation.malformed(where + " may not carry " + property, null);
            }
            long bit = 1L << id;
            boolean repeatAllowed = property.repeatable()
                    && !(property == PropertyId.SUBSCRIPTION_IDENTIFIER && scope == PropertyId.Scope.SUBSCRIBE);
            if ((seen & bit) != 0 && !repeatAllowed) {
                throw PacketViolation.protocolError(where + " carries " + property + " more than once", null);
            }
            seen |= bit;
            readValue(in, property, b, where);
        }
        Properties properties = b.build();
        if (properties.authenticationData() != null && properties.authenticationMethod() == null) {
            // §3.1.2.11.10: "It is a Protocol Error to include Authentication Data if there is no
            // Authentication Method"
            throw PacketViolation.protocolError(where + " has Authentication Data without Authentication Method", null);
        }
        return properties;
    }

    private static void readValue(BodyReader in, PropertyId property, Properties.Builder b, String where) {
        String what = where + " " + property;
        switch (property) {
            case PAYLOAD_FORMAT_INDICATOR -> b.payloadFormatIndicator(zeroOrOne(in, what));
            case MESSAGE_EXPIRY_INTERVAL -> b.messageExpiryInterval(in.readFourByteInteger(what));
            case CONTENT_TYPE -> b.contentType(in.readString(what));
            case RESPONSE_TOPIC -> {
                String topic = in.readString(what);
                if (!Topics.isValidTopicName(topic)) {
                    // [MQTT-3.3.2-14] the Response Topic is a topic name: no wildcards (and not empty [MQTT-4.7.3-1])
                    throw PacketViolation.protocolError(what + " is not a valid topic name", "MQTT-3.3.2-14");
                }
                b.responseTopic(topic);
            }
            case CORRELATION_DATA -> b.correlationData(in.readBinary(what));
            case SUBSCRIPTION_IDENTIFIER -> {
                int value = in.readVariableByteInteger(what);
                if (value == 0) {
                    throw PacketViolation.protocolError(what + " is 0", null); // §3.3.2.3.8, §3.8.2.1.2
                }
                b.addSubscriptionIdentifier(value);
            }
            case SESSION_EXPIRY_INTERVAL -> b.sessionExpiryInterval(in.readFourByteInteger(what));
            case ASSIGNED_CLIENT_IDENTIFIER -> b.assignedClientIdentifier(in.readString(what));
            case SERVER_KEEP_ALIVE -> b.serverKeepAlive(in.readTwoByteInteger(what));
            case AUTHENTICATION_METHOD -> b.authenticationMethod(in.readString(what));
            case AUTHENTICATION_DATA -> b.authenticationData(in.readBinary(what));
            case REQUEST_PROBLEM_INFORMATION -> b.requestProblemInformation(zeroOrOne(in, what));
            case WILL_DELAY_INTERVAL -> b.willDelayInterval(in.readFourByteInteger(what));
            case REQUEST_RESPONSE_INFORMATION -> b.requestResponseInformation(zeroOrOne(in, what));
            case RESPONSE_INFORMATION -> b.responseInformation(in.readString(what));
            case SERVER_REFERENCE -> b.serverReference(in.readString(what));
            case REASON_STRING -> b.reasonString(in.readString(what));
            case RECEIVE_MAXIMUM -> b.receiveMaximum(nonZero(in.readTwoByteInteger(what), what));
            case TOPIC_ALIAS_MAXIMUM -> b.topicAliasMaximum(in.readTwoByteInteger(what));
            case TOPIC_ALIAS -> {
                int alias = in.readTwoByteInteger(what);
                if (alias == 0) {
                    // [MQTT-3.3.2-8] a Topic Alias of 0 is not permitted
                    throw new PacketViolation(ReasonCode.TOPIC_ALIAS_INVALID, what + " is 0", "MQTT-3.3.2-8");
                }
                b.topicAlias(alias);
            }
            case MAXIMUM_QOS -> b.maximumQos(zeroOrOne(in, what));
            case RETAIN_AVAILABLE -> b.retainAvailable(zeroOrOne(in, what));
            case USER_PROPERTY -> b.addUserProperty(in.readString(what + " name"), in.readString(what + " value"));
            case MAXIMUM_PACKET_SIZE -> b.maximumPacketSize(nonZero(in.readFourByteInteger(what), what));
            case WILDCARD_SUBSCRIPTION_AVAILABLE -> b.wildcardSubscriptionAvailable(zeroOrOne(in, what));
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE -> b.subscriptionIdentifierAvailable(zeroOrOne(in, what));
            case SHARED_SUBSCRIPTION_AVAILABLE -> b.sharedSubscriptionAvailable(zeroOrOne(in, what));
        }
    }

    /** The byte properties that are flags: "It is a Protocol Error to ... have a value other than 0 or 1". */
    private static int zeroOrOne(BodyReader in, String what) {
        int value = in.readByte(what);
        if (value > 1) {
            throw PacketViolation.protocolError(what + " is " + value + ", not 0 or 1", null);
        }
        return value;
    }

    /** Receive Maximum and Maximum Packet Size: "It is a Protocol Error ... for it to have the value 0". */
    private static long nonZero(long value, String what) {
        if (value == 0) {
            throw PacketViolation.protocolError(what + " is 0", null);
        }
        return value;
    }

    private static int nonZero(int value, String what) {
        return (int) nonZero((long) value, what);
    }
}
