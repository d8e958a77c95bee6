package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/** Feeds bytes through a decoder in an {@link EmbeddedChannel} and collects what comes out, for tests. */
final class DecoderHarness {
    private final EmbeddedChannel channel;

    DecoderHarness(MqttDecoder decoder) {
        this.channel = new EmbeddedChannel(decoder, MqttEncoder.INSTANCE);
    }

    /** A server-role decoder that has already decoded a minimal CONNECT of {@code version}. */
    static DecoderHarness connected(MqttVersion version, int maxPacketSize) {
        DecoderHarness h = new DecoderHarness(new MqttDecoder(maxPacketSize));
        List<MqttPacket> first = h.feed(connectBytes(version));
        if (first.size() != 1 || !(first.get(0) instanceof Connect)) {
            throw new AssertionError("CONNECT prefix did not decode: " + first);
        }
        return h;
    }

    static byte[] connectBytes(MqttVersion version) {
        return bytes(new Connect(version, "c", true, 60, null, null, null, Properties.EMPTY), version);
    }

    static byte[] bytes(MqttPacket packet, MqttVersion version) {
        ByteBuf buf = MqttEncoder.encode(packet, version, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Writes {@code bytes} as one read and returns every packet decoded from it. */
    List<MqttPacket> feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return drain();
    }

    /** Writes {@code bytes} one byte per read. */
    List<MqttPacket> feedByteByByte(byte[] bytes) {
        List<MqttPacket> packets = new ArrayList<>();
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            packets.addAll(drain());
        }
        return packets;
    }

    EmbeddedChannel channel() {
        return channel;
    }

    private List<MqttPacket> drain() {
        List<MqttPacket> packets = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            packets.add((MqttPacket) o);
        }
        return packets;
    }
}
