package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The maximum packet size is checked against the fixed header, before the body is buffered. */
class PacketSizeLimitTest {

    @Test
    void headerAnnouncing200MegabytesIsRefusedAtOnce() {
        DecoderHarness harness = DecoderHarness.connected(MqttVersion.MQTT_5, 1024);
        int announced = 200 * 1024 * 1024;
        byte[] header = new byte[1 + VariableByteInteger.size(announced)];
        header[0] = 0x30;
        ByteBuf buf = Unpooled.buffer();
        VariableByteInteger.write(buf, announced);
        buf.readBytes(header, 1, header.length - 1);

        List<MqttPacket> packets = harness.feed(header);

        assertThat(packets).hasSize(1);
        MalformedPacket m = (MalformedPacket) packets.get(0);
        assertThat(m.packetType()).isEqualTo(PacketType.PUBLISH);
        assertThat(m.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(m.version()).isEqualTo(MqttVersion.MQTT_5);
    }

    @Test
    void oversizedConnectIsRefusedBeforeItsBody() {
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(1024));

        List<MqttPacket> packets = harness.feed(new byte[] {0x10, (byte) 0x80, (byte) 0x80, 0x01}); // 16384 bytes

        assertThat(packets).singleElement().satisfies(p -> assertThat(((MalformedPacket) p).reasonCode())
                .isEqualTo(ReasonCode.PACKET_TOO_LARGE));
    }

    @Test
    void packetOfExactlyTheLimitIsAccepted() {
        Publish publish = Publish.qos0("t", Payload.wrap(new byte[100]));
        int size = MqttEncoder.encodedSize(publish, MqttVersion.MQTT_3_1_1);

        assertThat(DecoderHarness.connected(MqttVersion.MQTT_3_1_1, size)
                        .feed(DecoderHarness.bytes(publish, MqttVersion.MQTT_3_1_1)))
                .containsExactly(publish);
        assertThat(DecoderHarness.connected(MqttVersion.MQTT_3_1_1, size - 1)
                        .feed(DecoderHarness.bytes(publish, MqttVersion.MQTT_3_1_1)))
                .singleElement()
                .isInstanceOf(MalformedPacket.class);
    }
}
