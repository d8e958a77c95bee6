package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import java.util.BitSet;

/**
 * The reason codes each packet type may carry (MQTT 5 §3.x.2.1 tables; MQTT 3.1.1 CONNACK return codes and SUBACK
 * return codes). A code outside its packet's table is treated as a Malformed Packet (0x81): the byte cannot be
 * parsed as anything the packet defines. Immutable; any thread.
 */
final class AllowedReasonCodes {
    private static final BitSet CONNACK = of(
            0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A,
            0x9B, 0x9C, 0x9D, 0x9F);
    private static final BitSet PUBACK_PUBREC = of(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
    private static final BitSet PUBREL_PUBCOMP = of(0x00, 0x92);
    private static final BitSet SUBACK = of(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);
    private static final BitSet UNSUBACK = of(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);
    private static final BitSet DISCONNECT = of(
            0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97,
            0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);
    private static final BitSet AUTH = of(0x00, 0x18, 0x19);
    private static final BitSet V3_CONNACK = of(0x00, 0x01, 0x02, 0x03, 0x04, 0x05);
    private static final BitSet V3_SUBACK = of(0x00, 0x01, 0x02, 0x80);

    private AllowedReasonCodes() {}

    /** Throws a Malformed Packet violation when {@code code} is not defined for {@code type} in {@code version}. */
    static void check(PacketType type, MqttVersion version, int code) {
        BitSet allowed =
                switch (type) {
                    case CONNACK -> version.isV5() ? CONNACK : V3_CONNACK;
                    case PUBACK, PUBREC -> PUBACK_PUBREC;
                    case PUBREL, PUBCOMP -> PUBREL_PUBCOMP;
                    case SUBACK -> version.isV5() ? SUBACK : V3_SUBACK;
                    case UNSUBACK -> UNSUBACK;
                    case DISCONNECT -> DISCONNECT;
                    case AUTH -> AUTH;
                    default -> throw new IllegalArgumentException(type + " has no reason code");
                };
        if (!allowed.get(code)) {
            String specRef = type == PacketType.SUBACK && !version.isV5() ? "MQTT-3.9.3-2" : null;
            throw PacketViolation.malformed(
                    type + " carries reason code 0x" + Integer.toHexString(code) + ", which it does not define",
                    specRef);
        }
    }

    private static BitSet of(int... codes) {
        BitSet set = new BitSet(256);
        for (int code : codes) {
            set.set(code);
        }
        return set;
    }
}
