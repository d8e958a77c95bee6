package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;

/**
 * Reads Packet Identifiers, which must be non-zero wherever a packet carries one ([MQTT-2.3.1-1] in 3.1.1,
 * [MQTT-2.2.1-3] in 5.0). Stateless; any thread.
 */
final class PacketIdentifiers {
    private PacketIdentifiers() {}

    static int read(BodyReader in, PacketType type, MqttVersion version) {
        int id = in.readTwoByteInteger(type + " packet identifier");
        if (id == 0) {
            throw PacketViolation.malformed(
                    type + " packet identifier is 0", version.isV5() ? "MQTT-2.2.1-3" : "MQTT-2.3.1-1");
        }
        return id;
    }
}
