package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;

/**
 * The rules about the first byte of the fixed header (§2.1.2, §2.1.3 in MQTT 5; §2.2 in 3.1.1): packet type, the
 * reserved flag bits, and the PUBLISH flags. Stateless; any thread.
 */
final class FixedHeaderRules {
    private FixedHeaderRules() {}

    /**
     * @param version the connection's version, or null before the CONNECT
     * @param expectConnect true while a server-role decoder waits for the first packet
     */
    static void check(PacketType type, int flags, MqttVersion version, boolean expectConnect) {
        if (type == null) {
            throw PacketViolation.malformed("reserved packet type 0", null);
        }
        if (expectConnect && type != PacketType.CONNECT) {
            // [MQTT-3.1.0-1] the first packet from the client must be CONNECT
            throw PacketViolation.protocolError("first packet is " + type + ", not CONNECT", "MQTT-3.1.0-1");
        }
        if (type == PacketType.AUTH && version != null && !version.isV5()) {
            // packet type 15 is reserved (forbidden) before MQTT 5
            throw PacketViolation.malformed("AUTH is not a packet of MQTT " + version, null);
        }
        if (type == PacketType.PUBLISH) {
            checkPublish(flags);
            return;
        }
        int expected =
                switch (type) {
                    case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 0b0010;
                    default -> 0b0000;
                };
        int actual = flags;
        if (version == MqttVersion.MQTT_3_1 && expected == 0b0010) {
            actual &= ~0b1000; // MQTT 3.1 let a resent PUBREL, SUBSCRIBE or UNSUBSCRIBE carry the DUP flag
        }
        if (actual != expected) {
            // [MQTT-2.1.3-1] (5.0) / [MQTT-2.2.2-1] (3.1.1): reserved flag bits have fixed values
            throw PacketViolation.malformed(
                    type + " has fixed-header flags " + Integer.toBinaryString(flags),
                    version == null || version.isV5() ? "MQTT-2.1.3-1" : "MQTT-2.2.2-1");
        }
    }

    private static void checkPublish(int flags) {
        int qos = (flags >> 1) & 0x03;
        if (qos == 3) {
            // [MQTT-3.3.1-4] a PUBLISH must not have both QoS bits set
            throw PacketViolation.malformed("PUBLISH with QoS 3", "MQTT-3.3.1-4");
        }
        if (qos == 0 && (flags & 0x08) != 0) {
            // [MQTT-3.3.1-2] the DUP flag must be 0 for all QoS 0 messages
            throw PacketViolation.malformed("PUBLISH with QoS 0 and DUP set", "MQTT-3.3.1-2");
        }
    }
}
