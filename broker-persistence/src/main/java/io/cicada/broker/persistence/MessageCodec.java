package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a stored {@link Message}: a small header (format, sender client id, receive time) followed by the message
 * as an MQTT 5 PUBLISH, written and read by the broker's own codec, so every property is stored exactly as it travels.
 * Stateless; any thread.
 */
final class MessageCodec {
    private static final byte FORMAT = 1;
    private static final int MAX_PACKET = 268_435_460;

    private MessageCodec() {}

    static byte[] encode(Message message) {
        Publish publish = new Publish(
                message.topic(),
                message.qos(),
                false,
                message.retain(),
                message.qos() == 0 ? 0 : 1,
                message.properties(),
                message.payload());
        ByteBuf packet = MqttEncoder.encode(publish, MqttVersion.MQTT_5, ByteBufAllocator.DEFAULT);
        try {
            byte[] sender = message.senderClientId() == null
                    ? null
                    : message.senderClientId().getBytes(StandardCharsets.UTF_8);
            ByteBuffer out =
                    ByteBuffer.allocate(1 + 4 + (sender == null ? 0 : sender.length) + 8 + packet.readableBytes());
            out.put(FORMAT);
            out.putInt(sender == null ? -1 : sender.length);
            if (sender != null) {
                out.put(sender);
            }
            out.putLong(message.receivedAtMillis());
            packet.readBytes(out.array(), out.position(), packet.readableBytes());
            return out.array();
        } finally {
            packet.release();
        }
    }

    static Message decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new StoreCorruptException("stored message has unknown format " + format);
        }
        int senderLength = in.getInt();
        String sender = null;
        if (senderLength >= 0) {
            sender = new String(bytes, in.position(), senderLength, StandardCharsets.UTF_8);
            in.position(in.position() + senderLength);
        }
        long receivedAt = in.getLong();
        EmbeddedChannel channel = new EmbeddedChannel(MqttDecoder.forClient(MqttVersion.MQTT_5, MAX_PACKET));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, in.position(), bytes.length - in.position()));
            MqttPacket packet = channel.readInbound();
            if (!(packet instanceof Publish publish)) {
                throw new StoreCorruptException("stored message does not decode: " + packet);
            }
            return new Message(
                    publish.topic(),
                    publish.qos(),
                    publish.retain(),
                    publish.payload(),
                    publish.properties(),
                    sender,
                    receivedAt);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
