package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server and client roles of the decoder: the first CONNECT, the version attribute, and failing once. */
class MqttDecoderRoleTest {

    @Test
    void serverRefusesAFirstPacketOtherThanConnect() {
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(1024));

        List<MqttPacket> packets = harness.feed(new byte[] {(byte) 0xC0, 0x00}); // PINGREQ

        // [MQTT-3.1.0-1]
        assertThat(packets)
                .containsExactly(new MalformedPacket(
                        PacketType.PINGREQ,
                        ReasonCode.PROTOCOL_ERROR,
                        "first packet is PINGREQ, not CONNECT",
                        "MQTT-3.1.0-1",
                        null));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void connectSetsTheVersionAttribute(MqttVersion version) {
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(1024));

        harness.feed(DecoderHarness.connectBytes(version));

        assertThat(harness.channel().attr(MqttDecoder.VERSION).get()).isEqualTo(version);
    }

    @Test
    void versionIsKnownEvenWhenTheRestOfTheConnectIsMalformed() {
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(1024));
        // MQTT 5 CONNECT with the reserved flag set [MQTT-3.1.2-3]
        byte[] bytes = HexFormat.of().parseHex("100d00044d51545405030000000000");

        List<MqttPacket> packets = harness.feed(bytes);

        assertThat(harness.channel().attr(MqttDecoder.VERSION).get()).isEqualTo(MqttVersion.MQTT_5);
        MalformedPacket m = (MalformedPacket) packets.get(0);
        assertThat(m.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(m.specRef()).isEqualTo("MQTT-3.1.2-3");
        assertThat(m.version()).isEqualTo(MqttVersion.MQTT_5);
    }

    @Test
    void unknownProtocolLevelIsAnUnsupportedVersion() {
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(1024));

        List<MqttPacket> packets = harness.feed(HexFormat.of().parseHex("100d00044d51545407020000000000"));

        MalformedPacket m = (MalformedPacket) packets.get(0);
        assertThat(m.packetType()).isEqualTo(PacketType.CONNECT);
        assertThat(m.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(m.version()).isNull();
        assertThat(harness.channel().attr(MqttDecoder.VERSION).get()).isNull();
    }

    @Test
    void secondConnectIsDecodedNormallyAndKeepsTheFirstVersion() {
        DecoderHarness harness = DecoderHarness.connected(MqttVersion.MQTT_5, 1024);

        List<MqttPacket> packets = harness.feed(DecoderHarness.connectBytes(MqttVersion.MQTT_3_1_1));

        assertThat(packets)
                .containsExactly(
                        new Connect(MqttVersion.MQTT_3_1_1, "c", true, 60, null, null, null, Properties.EMPTY));
        assertThat(harness.channel().attr(MqttDecoder.VERSION).get()).isEqualTo(MqttVersion.MQTT_5);
    }

    @Test
    void afterOneMalformedPacketEverythingIsDiscarded() {
        DecoderHarness harness = DecoderHarness.connected(MqttVersion.MQTT_3_1_1, 1024);

        List<MqttPacket> packets = harness.feed(new byte[] {(byte) 0xC1, 0x00, (byte) 0xC0, 0x00});
        List<MqttPacket> later = harness.feed(new byte[] {(byte) 0xC0, 0x00});

        assertThat(packets).hasSize(1).first().isInstanceOf(MalformedPacket.class);
        assertThat(later).isEmpty();
    }

    @Test
    void clientRoleSetsTheVersionAttributeAndNeedsNoConnect() {
        DecoderHarness harness = new DecoderHarness(MqttDecoder.forClient(MqttVersion.MQTT_5, 1024));

        assertThat(harness.channel().attr(MqttDecoder.VERSION).get()).isEqualTo(MqttVersion.MQTT_5);
        assertThat(harness.feed(new byte[] {(byte) 0xC0, 0x00})).containsExactly(PingReq.INSTANCE);
    }
}
