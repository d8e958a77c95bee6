package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * Turns the bytes of one connection into {@link MqttPacket}s, checking every rule of the spec that the bytes alone
 * can break. One instance per channel, used only on that channel's event loop.
 *
 * <p>A note on the decoding order. The fixed header (type, flags, Remaining Length) is checked as soon as its bytes
 * are there, and the packet's whole size is checked against {@code maxPacketSize} before the body is buffered: a
 * client announcing 200 MB to a broker with a 1 kB limit is refused after five bytes. Only then does the decoder wait
 * for the body and hand it to the reader for its type ({@link ConnectReader}, {@link PublishReader},
 * {@link SubscriptionReader}, {@link AckReader}).
 *
 * <p>Malformed input never throws through the pipeline: it becomes one {@link MalformedPacket} with the fitting
 * reason code and spec reference, after which the decoder discards everything further the channel receives (the
 * connection answers and closes).
 *
 * <p>In the server role the first packet must be CONNECT [MQTT-3.1.0-1]; its protocol level sets the version, which
 * is kept in the channel attribute {@link #VERSION} for the encoder. In the client role the version is given.
 */
public final class MqttDecoder extends ByteToMessageDecoder {
    /** The protocol version of the channel, set by the decoder from the CONNECT (server role) or its constructor. */
    public static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf(MqttDecoder.class, "VERSION");

    private final int maxPacketSize;
    private final boolean serverRole;
    private MqttVersion version;
    private boolean connectSeen;
    private boolean failed;

    /** A decoder in the server role: it reads client packets, starting with a CONNECT. */
    public MqttDecoder(int maxPacketSize) {
        this(maxPacketSize, true, null);
    }

    private MqttDecoder(int maxPacketSize, boolean serverRole, MqttVersion version) {
        if (maxPacketSize < 2) {
            throw new IllegalArgumentException("maxPacketSize must be at least 2, not " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.serverRole = serverRole;
        this.version = version;
    }

    /** A decoder in the client role, for test clients and tools: it reads server packets of a known version. */
    public static MqttDecoder forClient(MqttVersion version, int maxPacketSize) {
        if (version == null) {
            throw new IllegalArgumentException("a client decoder needs a version");
        }
        return new MqttDecoder(maxPacketSize, false, version);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (version != null) {
            ctx.channel().attr(VERSION).set(version);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        PacketType type = null;
        try {
            if (in.readableBytes() < 2) {
                return;
            }
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            type = PacketType.ofValue(first >> 4);
            int flags = first & 0x0F;
            FixedHeaderRules.check(type, flags, version, serverRole && !connectSeen);
            long peeked = VariableByteInteger.peek(in, start + 1);
            if (peeked == VariableByteInteger.INCOMPLETE) {
                return;
            }
            if (peeked == VariableByteInteger.TOO_LONG) {
                // §2.2.3 (3.1.1) / §1.5.5 (5.0): at most four bytes
                throw PacketViolation.malformed("Remaining Length is longer than four bytes", null);
            }
            int remaining = VariableByteInteger.valueOf(peeked);
            int lengthBytes = VariableByteInteger.lengthOf(peeked);
            if (version != null && version.isV5() && lengthBytes != VariableByteInteger.size(remaining)) {
                throw PacketViolation.malformed("Remaining Length does not use the fewest bytes", "MQTT-1.5.5-1");
            }
            long total = 1L + lengthBytes + remaining;
            if (total > maxPacketSize) {
                throw new PacketViolation(
                        ReasonCode.PACKET_TOO_LARGE,
                        type + " of " + total + " bytes exceeds the maximum packet size " + maxPacketSize,
                        serverRole ? "MQTT-3.2.2-15" : "MQTT-3.1.2-24");
            }
            if (in.readableBytes() < total) {
                return;
            }
            in.skipBytes(1 + lengthBytes);
            out.add(decodeBody(ctx, type, flags, new BodyReader(in.readSlice(remaining))));
        } catch (PacketViolation v) {
            fail(in, out, type, v.reasonCode(), v.getMessage(), v.specRef());
        } catch (RuntimeException e) {
            fail(in, out, type, ReasonCode.MALFORMED_PACKET, "undecodable packet: " + e, null);
        }
    }

    private MqttPacket decodeBody(ChannelHandlerContext ctx, PacketType type, int flags, BodyReader in) {
        if (type == PacketType.CONNECT) {
            MqttVersion connectVersion = ConnectReader.readProtocol(in);
            if (serverRole && version == null) {
                version = connectVersion;
                ctx.channel().attr(VERSION).set(connectVersion);
            }
            connectSeen = true;
            return ConnectReader.readRest(in, connectVersion);
        }
        return switch (type) {
            case CONNACK -> AckReader.readConnAck(in, version);
            case PUBLISH -> PublishReader.read(in, flags, version, serverRole);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> AckReader.readPublishAck(in, type, version);
            case SUBSCRIBE -> SubscriptionReader.readSubscribe(in, version);
            case SUBACK -> SubscriptionReader.readSubAck(in, version);
            case UNSUBSCRIBE -> SubscriptionReader.readUnsubscribe(in, version);
            case UNSUBACK -> SubscriptionReader.readUnsubAck(in, version);
            case PINGREQ -> {
                in.expectEnd("PINGREQ");
                yield PingReq.INSTANCE;
            }
            case PINGRESP -> {
                in.expectEnd("PINGRESP");
                yield PingResp.INSTANCE;
            }
            case DISCONNECT -> AckReader.readDisconnect(in, version);
            case AUTH -> AckReader.readAuth(in, version);
            case CONNECT, MALFORMED -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    private void fail(ByteBuf in, List<Object> out, PacketType type, int reasonCode, String reason, String specRef) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new MalformedPacket(type, reasonCode, reason, specRef, version));
    }
}
