package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder's version choice, zero-copy payloads, and what 3.x leaves out. */
class MqttEncoderTest {

    @Test
    void payloadIsWrappedNotCopied() {
        byte[] payload = new byte[4096];
        Publish publish = Publish.qos0("t", Payload.wrap(payload));

        ByteBuf buf = MqttEncoder.encode(publish, MqttVersion.MQTT_5, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(buf).isInstanceOf(CompositeByteBuf.class);
            CompositeByteBuf composite = (CompositeByteBuf) buf;
            ByteBuf last = composite.component(composite.numComponents() - 1);
            assertThat(last.hasArray()).isTrue();
            assertThat(last.array()).isSameAs(payload);
        } finally {
            buf.release();
        }
    }

    @Test
    void usesTheChannelVersionAndDefaultsTo311() {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        PubAck ack = new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY);

        channel.writeOutbound(ack);
        assertThat(bytes(channel.readOutbound())).containsExactly(0x40, 0x02, 0x00, 0x01);

        channel.attr(MqttDecoder.VERSION).set(MqttVersion.MQTT_5);
        channel.writeOutbound(ack);
        assertThat(bytes(channel.readOutbound())).containsExactly(0x40, 0x03, 0x00, 0x01, 0x10);
    }

    @Test
    void connAckRefusingAnUnknownVersionIsWrittenAs311() {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);

        channel.writeOutbound(new ConnAck(false, ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION, Properties.EMPTY));

        assertThat(bytes(channel.readOutbound())).containsExactly(0x20, 0x02, 0x00, 0x01);
    }

    @Test
    void v5RefusalsAreWrittenAsTheir3xCodes() {
        assertThat(RoundTrip.viaBytes(
                        new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, Properties.EMPTY),
                        MqttVersion.MQTT_3_1_1))
                .isEqualTo(new ConnAck(false, ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION, Properties.EMPTY));
        assertThat(RoundTrip.viaBytes(new SubAck(1, List.of(1, 0x8F, 0x87), Properties.EMPTY), MqttVersion.MQTT_3_1_1))
                .isEqualTo(new SubAck(1, List.of(1, 0x80, 0x80), Properties.EMPTY));
    }

    @Test
    void propertiesAreLeftOutIn3x() {
        Publish publish = new Publish("a", 1, false, false, 5, SamplePackets.publishProperties(), Payload.utf8("p"));

        Object decoded = RoundTrip.viaBytes(publish, MqttVersion.MQTT_3_1_1);

        assertThat(decoded).isEqualTo(new Publish("a", 1, false, false, 5, Properties.EMPTY, Payload.utf8("p")));
    }

    @Test
    void refusesWhatCannotBeWritten() {
        assertThatThrownBy(() -> MqttEncoder.encodedSize(new Auth(0, Properties.EMPTY), MqttVersion.MQTT_3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encodedSize(
                        new MalformedPacket(null, ReasonCode.MALFORMED_PACKET, "x", null, null), MqttVersion.MQTT_5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encodedSize(Publish.qos0("a\0b", Payload.EMPTY), MqttVersion.MQTT_5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] bytes(Object buf) {
        ByteBuf b = (ByteBuf) buf;
        try {
            byte[] raw = ByteBufUtil.getBytes(b);
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] & 0xFF;
            }
            return out;
        } finally {
            b.release();
        }
    }
}
