package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.ReasonCode;

/**
 * Reads the short packets made of a reason code and properties: CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, DISCONNECT
 * and AUTH. In MQTT 5 the reason code and the properties may be left out when they are Success and empty (§3.4.2.1,
 * §3.14.2.1, §3.15.2.1). Stateless; any thread.
 */
final class AckReader {
    private AckReader() {}

    static ConnAck readConnAck(BodyReader in, MqttVersion version) {
        int flags = in.readByte("connect acknowledge flags");
        if ((flags & 0xFE) != 0) {
            // §3.2.2.1: bits 7-1 are reserved and must be 0
            throw PacketViolation.malformed("CONNACK reserved flag bits set", null);
        }
        boolean sessionPresent = (flags & 0x01) != 0;
        int code = in.readByte("connect reason code");
        AllowedReasonCodes.check(PacketType.CONNACK, version, code);
        if (sessionPresent && code != ReasonCode.SUCCESS) {
            // [MQTT-3.2.2-6] (5.0) / [MQTT-3.2.2-4] (3.1.1): a refusal has Session Present 0
            throw PacketViolation.protocolError(
                    "Session Present with a refusal", version.isV5() ? "MQTT-3.2.2-6" : "MQTT-3.2.2-4");
        }
        Properties properties =
                version.isV5() ? PropertiesReader.read(in, PropertyId.Scope.CONNACK, "CONNACK") : Properties.EMPTY;
        in.expectEnd("CONNACK");
        return new ConnAck(sessionPresent, code, properties);
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP. */
    static MqttPacket readPublishAck(BodyReader in, PacketType type, MqttVersion version) {
        int packetId = PacketIdentifiers.read(in, type, version);
        int code = ReasonCode.SUCCESS;
        Properties properties = Properties.EMPTY;
        if (version.isV5()) {
            if (in.hasRemaining()) {
                code = in.readByte(type + " reason code");
                AllowedReasonCodes.check(type, version, code);
            }
            if (in.hasRemaining()) {
                properties = PropertiesReader.read(in, PropertyId.Scope.of(type), type.toString());
            }
        }
        in.expectEnd(type.toString());
        return switch (type) {
            case PUBACK -> new PubAck(packetId, code, properties);
            case PUBREC -> new PubRec(packetId, code, properties);
            case PUBREL -> new PubRel(packetId, code, properties);
            case PUBCOMP -> new PubComp(packetId, code, properties);
            default -> throw new IllegalArgumentException(type + " is not a publish acknowledgement");
        };
    }

    static Disconnect readDisconnect(BodyReader in, MqttVersion version) {
        if (!version.isV5()) {
            in.expectEnd("DISCONNECT");
            return Disconnect.NORMAL;
        }
        int code = ReasonCode.NORMAL_DISCONNECTION;
        Properties properties = Properties.EMPTY;
        if (in.hasRemaining()) {
            code = in.readByte("disconnect reason code");
            AllowedReasonCodes.check(PacketType.DISCONNECT, version, code);
        }
        if (in.hasRemaining()) {
            properties = PropertiesReader.read(in, PropertyId.Scope.DISCONNECT, "DISCONNECT");
        }
        in.expectEnd("DISCONNECT");
        return code == ReasonCode.NORMAL_DISCONNECTION && properties.isEmpty()
                ? Disconnect.NORMAL
                : new Disconnect(code, properties);
    }

    /** AUTH, which exists only in MQTT 5 (the decoder refuses the type earlier in 3.x). */
    static Auth readAuth(BodyReader in, MqttVersion version) {
        int code = ReasonCode.SUCCESS;
        Properties properties = Properties.EMPTY;
        if (in.hasRemaining()) {
            code = in.readByte("authenticate reason code");
            AllowedReasonCodes.check(PacketType.AUTH, version, code);
        }
        if (in.hasRemaining()) {
            properties = PropertiesReader.read(in, PropertyId.Scope.AUTH, "AUTH");
        }
        in.expectEnd("AUTH");
        return new Auth(code, properties);
    }
}
