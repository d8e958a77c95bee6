package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.mqtt.packet.Will;
import io.netty.buffer.ByteBuf;

/**
 * Writes the variable header and payload of each packet type, except the application message of a PUBLISH, which
 * {@link MqttEncoder} appends without copying. In MQTT 3.1 / 3.1.1 properties and reason codes the packet has no
 * place for are left out. Stateless; any thread.
 */
final class PacketWriter {
    private PacketWriter() {}

    /** Writes the body of {@code p} and returns the first byte of its fixed header. */
    static int write(ByteBuf out, MqttPacket p, MqttVersion v) {
        return switch (p.type()) {
            case CONNECT -> writeConnect(out, (Connect) p);
            case CONNACK -> writeConnAck(out, (ConnAck) p, v);
            case PUBLISH -> writePublish(out, (Publish) p, v);
            case PUBACK ->
                writeAck(
                        out,
                        PacketType.PUBACK,
                        ((PubAck) p).packetId(),
                        ((PubAck) p).reasonCode(),
                        ((PubAck) p).properties(),
                        v);
            case PUBREC ->
                writeAck(
                        out,
                        PacketType.PUBREC,
                        ((PubRec) p).packetId(),
                        ((PubRec) p).reasonCode(),
                        ((PubRec) p).properties(),
                        v);
            case PUBREL ->
                writeAck(
                        out,
                        PacketType.PUBREL,
                        ((PubRel) p).packetId(),
                        ((PubRel) p).reasonCode(),
                        ((PubRel) p).properties(),
                        v);
            case PUBCOMP ->
                writeAck(
                        out,
                        PacketType.PUBCOMP,
                        ((PubComp) p).packetId(),
                        ((PubComp) p).reasonCode(),
                        ((PubComp) p).properties(),
                        v);
            case SUBSCRIBE -> writeSubscribe(out, (Subscribe) p, v);
            case SUBACK -> writeSubAck(out, (SubAck) p, v);
            case UNSUBSCRIBE -> writeUnsubscribe(out, (Unsubscribe) p, v);
            case UNSUBACK -> writeUnsubAck(out, (UnsubAck) p, v);
            case PINGREQ -> 0xC0;
            case PINGRESP -> 0xD0;
            case DISCONNECT -> writeDisconnect(out, (Disconnect) p, v);
            case AUTH -> writeAuth(out, (Auth) p, v);
            case MALFORMED -> throw new IllegalArgumentException("a MalformedPacket cannot be encoded");
        };
    }

    /** A CONNECT is written in its own version, whatever the channel's. */
    private static int writeConnect(ByteBuf out, Connect c) {
        MqttVersion v = c.version();
        MqttStrings.write(out, v.protocolName());
        out.writeByte(v.level());
        Will will = c.will();
        int flags = (c.username() != null ? 0x80 : 0)
                | (c.password() != null ? 0x40 : 0)
                | (will != null && will.retain() ? 0x20 : 0)
                | (will != null ? will.qos() << 3 | 0x04 : 0)
                | (c.cleanStart() ? 0x02 : 0);
        out.writeByte(flags);
        out.writeShort(c.keepAliveSeconds());
        writeProperties(out, c.properties(), v);
        MqttStrings.write(out, c.clientId());
        if (will != null) {
            writeProperties(out, will.properties(), v);
            MqttStrings.write(out, will.topic());
            writeBinary(out, will.payload().array());
        }
        if (c.username() != null) {
            MqttStrings.write(out, c.username());
        }
        if (c.password() != null) {
            writeBinary(out, c.password());
        }
        return 0x10;
    }

    /** In 3.x an MQTT 5 refusal code (0x80 and above) is written as the closest 3.x connect return code. */
    private static int writeConnAck(ByteBuf out, ConnAck p, MqttVersion v) {
        int code = p.reasonCode();
        if (!v.isV5() && ReasonCode.isError(code)) {
            code = ReasonCode.toV3ConnectReturnCode(code);
        }
        out.writeByte(p.sessionPresent() ? 1 : 0);
        out.writeByte(code);
        writeProperties(out, p.properties(), v);
        return 0x20;
    }

    private static int writePublish(ByteBuf out, Publish p, MqttVersion v) {
        MqttStrings.write(out, p.topic());
        if (p.qos() > 0) {
            out.writeShort(p.packetId());
        }
        writeProperties(out, p.properties(), v);
        return 0x30 | (p.dup() ? 0x08 : 0) | p.qos() << 1 | (p.retain() ? 0x01 : 0);
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: MQTT 5 leaves out a Success code and empty properties (§3.4.2.1). */
    private static int writeAck(ByteBuf out, PacketType type, int packetId, int code, Properties props, MqttVersion v) {
        out.writeShort(packetId);
        writeReasonAndProperties(out, code, props, v);
        return type.value() << 4 | (type == PacketType.PUBREL ? 0x02 : 0);
    }

    private static int writeSubscribe(ByteBuf out, Subscribe p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (Subscription s : p.subscriptions()) {
            MqttStrings.write(out, s.topicFilter());
            int options = s.qos();
            if (v.isV5()) {
                options |= (s.noLocal() ? 0x04 : 0) | (s.retainAsPublished() ? 0x08 : 0) | s.retainHandling() << 4;
            }
            out.writeByte(options);
        }
        return 0x82;
    }

    /** In 3.x every failure code (0x80 and above) is written as the one 3.x failure, 0x80 [MQTT-3.9.3-2]. */
    private static int writeSubAck(ByteBuf out, SubAck p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (int code : p.reasonCodes()) {
            out.writeByte(!v.isV5() && ReasonCode.isError(code) ? ReasonCode.V3_SUBACK_FAILURE : code);
        }
        return 0x90;
    }

    private static int writeUnsubscribe(ByteBuf out, Unsubscribe p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (String filter : p.topicFilters()) {
            MqttStrings.write(out, filter);
        }
        return 0xA2;
    }

    /** MQTT 3.1 / 3.1.1 UNSUBACK has only the packet identifier. */
    private static int writeUnsubAck(ByteBuf out, UnsubAck p, MqttVersion v) {
        out.writeShort(p.packetId());
        if (v.isV5()) {
            PropertiesWriter.write(out, p.properties());
            for (int code : p.reasonCodes()) {
                out.writeByte(code);
            }
        }
        return 0xB0;
    }

    /** MQTT 3.1 / 3.1.1 DISCONNECT is empty; MQTT 5 leaves out a Normal code and empty properties (§3.14.2.1). */
    private static int writeDisconnect(ByteBuf out, Disconnect p, MqttVersion v) {
        writeReasonAndProperties(out, p.reasonCode(), p.properties(), v);
        return 0xE0;
    }

    private static int writeAuth(ByteBuf out, Auth p, MqttVersion v) {
        if (!v.isV5()) {
            throw new IllegalArgumentException("AUTH does not exist in MQTT " + v);
        }
        writeReasonAndProperties(out, p.reasonCode(), p.properties(), v);
        return 0xF0;
    }

    private static void writeReasonAndProperties(ByteBuf out, int code, Properties props, MqttVersion v) {
        if (!v.isV5()) {
            return;
        }
        if (code != ReasonCode.SUCCESS || !props.isEmpty()) {
            out.writeByte(code);
        }
        if (!props.isEmpty()) {
            PropertiesWriter.write(out, props);
        }
    }

    private static void writeProperties(ByteBuf out, Properties props, MqttVersion v) {
        if (v.isV5()) {
            PropertiesWriter.write(out, props);
        }
    }

    private static void writeBinary(ByteBuf out, byte[] bytes) {
        if (bytes.length > 65_535) {
            throw new IllegalArgumentException("binary data of " + bytes.length + " bytes exceeds 65535");
        }
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }
}
