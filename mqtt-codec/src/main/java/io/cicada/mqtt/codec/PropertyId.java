package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.PacketType;

/**
 * The MQTT 5 properties (§2.2.2.2): each one's identifier, data type, the packets allowed to carry it, and whether it
 * may appear more than once. Immutable; any thread.
 */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, DataType.BYTE, false, Scope.PUBLISH | Scope.WILL),
    MESSAGE_EXPIRY_INTERVAL(0x02, DataType.FOUR_BYTE_INTEGER, false, Scope.PUBLISH | Scope.WILL),
    CONTENT_TYPE(0x03, DataType.UTF8_STRING, false, Scope.PUBLISH | Scope.WILL),
    RESPONSE_TOPIC(0x08, DataType.UTF8_STRING, false, Scope.PUBLISH | Scope.WILL),
    CORRELATION_DATA(0x09, DataType.BINARY_DATA, false, Scope.PUBLISH | Scope.WILL),
    /** Repeatable in PUBLISH (one per matching subscription); at most one in SUBSCRIBE. */
    SUBSCRIPTION_IDENTIFIER(0x0B, DataType.VARIABLE_BYTE_INTEGER, true, Scope.PUBLISH | Scope.SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, DataType.FOUR_BYTE_INTEGER, false, Scope.CONNECT | Scope.CONNACK | Scope.DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, DataType.UTF8_STRING, false, Scope.CONNACK),
    SERVER_KEEP_ALIVE(0x13, DataType.TWO_BYTE_INTEGER, false, Scope.CONNACK),
    AUTHENTICATION_METHOD(0x15, DataType.UTF8_STRING, false, Scope.CONNECT | Scope.CONNACK | Scope.AUTH),
    AUTHENTICATION_DATA(0x16, DataType.BINARY_DATA, false, Scope.CONNECT | Scope.CONNACK | Scope.AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, DataType.BYTE, false, Scope.CONNECT),
    WILL_DELAY_INTERVAL(0x18, DataType.FOUR_BYTE_INTEGER, false, Scope.WILL),
    REQUEST_RESPONSE_INFORMATION(0x19, DataType.BYTE, false, Scope.CONNECT),
    RESPONSE_INFORMATION(0x1A, DataType.UTF8_STRING, false, Scope.CONNACK),
    SERVER_REFERENCE(0x1C, DataType.UTF8_STRING, false, Scope.CONNACK | Scope.DISCONNECT),
    REASON_STRING(0x1F, DataType.UTF8_STRING, false, Scope.ACKNOWLEDGEMENTS | Scope.DISCONNECT | Scope.AUTH),
    RECEIVE_MAXIMUM(0x21, DataType.TWO_BYTE_INTEGER, false, Scope.CONNECT | Scope.CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, DataType.TWO_BYTE_INTEGER, false, Scope.CONNECT | Scope.CONNACK),
    TOPIC_ALIAS(0x23, DataType.TWO_BYTE_INTEGER, false, Scope.PUBLISH),
    MAXIMUM_QOS(0x24, DataType.BYTE, false, Scope.CONNACK),
    RETAIN_AVAILABLE(0x25, DataType.BYTE, false, Scope.CONNACK),
    USER_PROPERTY(0x26, DataType.UTF8_STRING_PAIR, true, Scope.ALL),
    MAXIMUM_PACKET_SIZE(0x27, DataType.FOUR_BYTE_INTEGER, false, Scope.CONNECT | Scope.CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, DataType.BYTE, false, Scope.CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, DataType.BYTE, false, Scope.CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, DataType.BYTE, false, Scope.CONNACK);

    /** The wire types of property values (§1.5). */
    public enum DataType {
        BYTE,
        TWO_BYTE_INTEGER,
        FOUR_BYTE_INTEGER,
        VARIABLE_BYTE_INTEGER,
        UTF8_STRING,
        BINARY_DATA,
        UTF8_STRING_PAIR
    }

    /** Bit masks of the places a property may appear: one bit per packet type, plus the will properties. */
    static final class Scope {
        static final int CONNECT = 1 << 1;
        static final int CONNACK = 1 << 2;
        static final int PUBLISH = 1 << 3;
        static final int PUBACK = 1 << 4;
        static final int PUBREC = 1 << 5;
        static final int PUBREL = 1 << 6;
        static final int PUBCOMP = 1 << 7;
        static final int SUBSCRIBE = 1 << 8;
        static final int SUBACK = 1 << 9;
        static final int UNSUBSCRIBE = 1 << 10;
        static final int UNSUBACK = 1 << 11;
        static final int DISCONNECT = 1 << 14;
        static final int AUTH = 1 << 15;
        /** The Will Properties in a CONNECT payload. */
        static final int WILL = 1 << 16;
        /** The packets that answer or acknowledge: CONNACK, PUBACK..PUBCOMP, SUBACK, UNSUBACK. */
        static final int ACKNOWLEDGEMENTS = CONNACK | PUBACK | PUBREC | PUBREL | PUBCOMP | SUBACK | UNSUBACK;

        static final int ALL =
                CONNECT | PUBLISH | ACKNOWLEDGEMENTS | SUBSCRIBE | UNSUBSCRIBE | DISCONNECT | AUTH | WILL;

        private Scope() {}

        /** The scope bit of a packet type's own properties. */
        static int of(PacketType type) {
            return 1 << type.value();
        }
    }

    private static final PropertyId[] BY_ID = new PropertyId[0x2B];

    static {
        for (PropertyId p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final DataType dataType;
    private final boolean repeatable;
    private final int scopes;

    PropertyId(int id, DataType dataType, boolean repeatable, int scopes) {
        this.id = id;
        this.dataType = dataType;
        this.repeatable = repeatable;
        this.scopes = scopes;
    }

    /** The identifier byte on the wire (a Variable Byte Integer, always one byte for the properties of MQTT 5.0). */
    public int id() {
        return id;
    }

    public DataType dataType() {
        return dataType;
    }

    /** True when the spec lets this property appear more than once in one packet. */
    public boolean repeatable() {
        return repeatable;
    }

    /** True when {@code type}'s variable header may carry this property. */
    public boolean allowedIn(PacketType type) {
        return (scopes & Scope.of(type)) != 0;
    }

    /** True when the Will Properties of a CONNECT may carry this property. */
    public boolean allowedInWill() {
        return (scopes & Scope.WILL) != 0;
    }

    boolean allowedInScope(int scope) {
        return (scopes & scope) != 0;
    }

    /** The property with identifier {@code id}, or null when MQTT 5.0 defines none. */
    public static PropertyId of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
