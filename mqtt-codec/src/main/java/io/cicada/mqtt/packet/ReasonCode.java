package io.cicada.mqtt.packet;

/**
 * The reason codes of MQTT 5 (§2.4) and the connect return codes of MQTT 3.1 / 3.1.1 (§3.2.2.3), as int constants
 * because one value has several names (0x00 is Success, Normal disconnection and Granted QoS 0).
 */
public final class ReasonCode {
    public static final int SUCCESS = 0x00;
    public static final int NORMAL_DISCONNECTION = 0x00;
    public static final int GRANTED_QOS_0 = 0x00;
    public static final int GRANTED_QOS_1 = 0x01;
    public static final int GRANTED_QOS_2 = 0x02;
    public static final int DISCONNECT_WITH_WILL_MESSAGE = 0x04;
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    public static final int CONTINUE_AUTHENTICATION = 0x18;
    public static final int RE_AUTHENTICATE = 0x19;
    public static final int UNSPECIFIED_ERROR = 0x80;
    public static final int MALFORMED_PACKET = 0x81;
    public static final int PROTOCOL_ERROR = 0x82;
    public static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    public static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    public static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    public static final int NOT_AUTHORIZED = 0x87;
    public static final int SERVER_UNAVAILABLE = 0x88;
    public static final int SERVER_BUSY = 0x89;
    public static final int BANNED = 0x8A;
    public static final int SERVER_SHUTTING_DOWN = 0x8B;
    public static final int BAD_AUTHENTICATION_METHOD = 0x8C;
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    public static final int SESSION_TAKEN_OVER = 0x8E;
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    public static final int TOPIC_NAME_INVALID = 0x90;
    public static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    public static final int PACKET_IDENTIFIER_NOT_FOUND = 0x92;
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    public static final int TOPIC_ALIAS_INVALID = 0x94;
    public static final int PACKET_TOO_LARGE = 0x95;
    public static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    public static final int QUOTA_EXCEEDED = 0x97;
    public static final int ADMINISTRATIVE_ACTION = 0x98;
    public static final int PAYLOAD_FORMAT_INVALID = 0x99;
    public static final int RETAIN_NOT_SUPPORTED = 0x9A;
    public static final int QOS_NOT_SUPPORTED = 0x9B;
    public static final int USE_ANOTHER_SERVER = 0x9C;
    public static final int SERVER_MOVED = 0x9D;
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    public static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    public static final int MAXIMUM_CONNECT_TIME = 0xA0;
    public static final int SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED = 0xA1;
    public static final int WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED = 0xA2;

    /** MQTT 3.1 / 3.1.1 CONNACK return codes. */
    public static final int V3_ACCEPTED = 0x00;

    public static final int V3_UNACCEPTABLE_PROTOCOL_VERSION = 0x01;
    public static final int V3_IDENTIFIER_REJECTED = 0x02;
    public static final int V3_SERVER_UNAVAILABLE = 0x03;
    public static final int V3_BAD_USER_NAME_OR_PASSWORD = 0x04;
    public static final int V3_NOT_AUTHORIZED = 0x05;

    /** MQTT 3.1.1 SUBACK failure return code. */
    public static final int V3_SUBACK_FAILURE = 0x80;

    private ReasonCode() {}

    /** True for codes of 0x80 and above, which report a failure. */
    public static boolean isError(int code) {
        return code >= 0x80;
    }

    /**
     * The closest MQTT 3.1 / 3.1.1 connect return code for an MQTT 5 connect reason code, for refusing a 3.x client
     * with the same decision logic.
     */
    public static int toV3ConnectReturnCode(int v5Code) {
        return switch (v5Code) {
            case SUCCESS -> V3_ACCEPTED;
            case UNSUPPORTED_PROTOCOL_VERSION -> V3_UNACCEPTABLE_PROTOCOL_VERSION;
            case CLIENT_IDENTIFIER_NOT_VALID -> V3_IDENTIFIER_REJECTED;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> V3_BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED, BANNED -> V3_NOT_AUTHORIZED;
            default -> V3_SERVER_UNAVAILABLE;
        };
    }

    /** The spec's name for an MQTT 5 reason code, for log lines ("0x87 Not authorized"). */
    public static String describe(int code) {
        String name =
                switch (code) {
                    case 0x00 -> "Success";
                    case 0x01 -> "Granted QoS 1";
                    case 0x02 -> "Granted QoS 2";
                    case 0x04 -> "Disconnect with Will Message";
                    case 0x10 -> "No matching subscribers";
                    case 0x11 -> "No subscription existed";
                    case 0x18 -> "Continue authentication";
                    case 0x19 -> "Re-authenticate";
                    case 0x80 -> "Unspecified error";
                    case 0x81 -> "Malformed Packet";
                    case 0x82 -> "Protocol Error";
                    case 0x83 -> "Implementation specific error";
                    case 0x84 -> "Unsupported Protocol Version";
                    case 0x85 -> "Client Identifier not valid";
                    case 0x86 -> "Bad User Name or Password";
                    case 0x87 -> "Not authorized";
                    case 0x88 -> "Server unavailable";
                    case 0x89 -> "Server busy";
                    case 0x8A -> "Banned";
                    case 0x8B -> "Server shutting down";
                    case 0x8C -> "Bad authentication method";
                    case 0x8D -> "Keep Alive timeout";
                    case 0x8E -> "Session taken over";
                    case 0x8F -> "Topic Filter invalid";
                    case 0x90 -> "Topic Name invalid";
                    case 0x91 -> "Packet Identifier in use";
                    case 0x92 -> "Packet Identifier not found";
                    case 0x93 -> "Receive Maximum exceeded";
                    case 0x94 -> "Topic Alias invalid";
                    case 0x95 -> "Packet too large";
                    case 0x96 -> "Message rate too high";
                    case 0x97 -> "Quota exceeded";
                    case 0x98 -> "Administrative action";
                    case 0x99 -> "Payload format invalid";
                    case 0x9A -> "Retain not supported";
                    case 0x9B -> "QoS not supported";
                    case 0x9C -> "Use another server";
                    case 0x9D -> "Server moved";
                    case 0x9E -> "Shared Subscriptions not supported";
                    case 0x9F -> "Connection rate exceeded";
                    case 0xA0 -> "Maximum connect time";
                    case 0xA1 -> "Subscription Identifiers not supported";
                    case 0xA2 -> "Wildcard Subscriptions not supported";
                    default -> "Unknown reason code";
                };
        return String.format("0x%02X %s", code, name);
    }
}
