package io.cicada.mqtt.packet;

/**
 * The MQTT control packet types, numbered as in the fixed header, plus {@link #MALFORMED} for input that could not be
 * decoded. {@code Connection.receive} switches over this enum so the compiler checks that every type is handled.
 */
public enum PacketType {
    /** Not a wire type: the decoder's answer to bytes that break the spec (see {@link MalformedPacket}). */
    MALFORMED(0),
    CONNECT(1),
    CONNACK(2),
    PUBLISH(3),
    PUBACK(4),
    PUBREC(5),
    PUBREL(6),
    PUBCOMP(7),
    SUBSCRIBE(8),
    SUBACK(9),
    UNSUBSCRIBE(10),
    UNSUBACK(11),
    PINGREQ(12),
    PINGRESP(13),
    DISCONNECT(14),
    AUTH(15);

    private static final PacketType[] BY_VALUE = values();

    private final int value;

    PacketType(int value) {
        this.value = value;
    }

    /** The four-bit value in the fixed header's first byte. */
    public int value() {
        return value;
    }

    /** The type for a fixed-header value 1..15, or {@code null} for 0 (reserved) and anything else. */
    public static PacketType ofValue(int value) {
        return value >= 1 && value <= 15 ? BY_VALUE[value] : null;
    }
}
