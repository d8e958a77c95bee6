package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;

/**
 * Reads Packet Identifiers, which must be non-zero wherever a packet carries one ([MQTT-2.3.1-1] in 3.1.1,
 * [MQTT-2.2.1-3] in 5.0). Stateless; any thread.
 */
final class PacketIdentifiers {
    /** "PUBLISH packet identifier" and so on, made once: the field name is needed only when the read fails. */
    private static final String[] FIELD_NAMES = fieldNames();

    private PacketIdentifiers() {}

    static int read(BodyReader in, PacketType type, MqttVersion version) {
        int id = in.readTwoByteInteger(FIELD_NAMES[type.ordinal()]);
        if (id == 0) {
            throw PacketViolation.malformed(
                    type + " packet identifier is 0", version.isV5() ? "MQTT-2.2.1-3" : "MQTT-2.3.1-1");
        }
        return id;
    }

    private static String[] fieldNames() {
        PacketType[] types = PacketType.values();
        String[] names = new String[types.length];
        for (PacketType type : types) {
            names[type.ordinal()] = type + " packet identifier";
        }
        return names;
    }
}
