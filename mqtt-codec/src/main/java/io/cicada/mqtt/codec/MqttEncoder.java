package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Turns {@link MqttPacket}s into bytes in the channel's protocol version (the {@link MqttDecoder#VERSION} attribute,
 * MQTT 3.1.1 when unset, as for a CONNACK refusing an unknown version; a CONNECT is always written in its own
 * version). Stateless and {@link Sharable}: one {@link #INSTANCE} serves every channel on any event loop.
 *
 * <p>The fixed header, variable header and small payloads go into one small buffer; the application message of a
 * PUBLISH (over 64 bytes) is never copied but wrapped and added as a second component, so a payload fanned out to
 * many subscribers stays one array.
 */
@Sharable
public final class MqttEncoder extends MessageToMessageEncoder<MqttPacket> {
    public static final MqttEncoder INSTANCE = new MqttEncoder();

    /** Room left in front of the variable header for the fixed header: one type byte and up to four length bytes. */
    private static final int HEADER_ROOM = 5;

    /** Payloads up to this size are copied next to the header: cheaper than a second buffer component. */
    private static final int SMALL_PAYLOAD = 64;

    private static final byte[] EMPTY = new byte[0];

    private MqttEncoder() {
        super(MqttPacket.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MqttPacket packet, List<Object> out) {
        MqttVersion version = ctx.channel().attr(MqttDecoder.VERSION).get();
        out.add(encode(packet, version == null ? MqttVersion.MQTT_3_1_1 : version, ctx.alloc()));
    }

    /**
     * The bytes of {@code packet} in {@code version}; a PUBLISH payload over 64 bytes is wrapped, not copied.
     *
     * @throws IllegalArgumentException if the packet cannot be written (a string over 65,535 bytes or with U+0000, a
     *     packet over the 268,435,455-byte limit, AUTH in 3.x, a {@link io.cicada.mqtt.packet.MalformedPacket})
     */
    public static ByteBuf encode(MqttPacket packet, MqttVersion version, ByteBufAllocator alloc) {
        ByteBuf header = encodeHeaders(packet, version, alloc);
        byte[] payload = payloadOf(packet);
        if (payload.length <= SMALL_PAYLOAD) {
            return header.writeBytes(payload);
        }
        CompositeByteBuf composite = alloc.compositeBuffer(2);
        composite.addComponents(true, header, Unpooled.wrappedBuffer(payload));
        return composite;
    }

    /** The number of bytes {@code packet} takes on the wire in {@code version}, fixed header included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        ByteBuf header = encodeHeaders(packet, version, UnpooledByteBufAllocator.DEFAULT);
        try {
            return header.readableBytes() + payloadOf(packet).length;
        } finally {
            header.release();
        }
    }

    /** The fixed header, variable header and any payload except a PUBLISH's application message, in one buffer. */
    private static ByteBuf encodeHeaders(MqttPacket packet, MqttVersion version, ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(128);
        try {
            buf.writerIndex(HEADER_ROOM);
            int first = PacketWriter.write(buf, packet, version);
            int end = buf.writerIndex();
            long remaining = (long) end - HEADER_ROOM + payloadOf(packet).length;
            if (remaining > VariableByteInteger.MAX_VALUE) {
                throw new IllegalArgumentException(packet.type() + " of " + remaining + " bytes is too large for MQTT");
            }
            int start = HEADER_ROOM - 1 - VariableByteInteger.size((int) remaining);
            buf.writerIndex(start);
            buf.writeByte(first);
            VariableByteInteger.write(buf, (int) remaining);
            buf.setIndex(start, end);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static byte[] payloadOf(MqttPacket packet) {
        return packet instanceof Publish p ? p.payload().array() : EMPTY;
    }
}
