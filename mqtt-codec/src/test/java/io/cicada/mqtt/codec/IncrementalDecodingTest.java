package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Publish;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Packets split over many reads, and many packets in one read, decode the same as one packet per read. */
class IncrementalDecodingTest {

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void decodesPacketsFedOneByteAtATime(MqttVersion version) {
        List<MqttPacket> packets = clientPackets(version);
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(Integer.MAX_VALUE));

        List<MqttPacket> decoded = harness.feedByteByByte(concat(packets, version));

        assertThat(decoded).containsExactlyElementsOf(packets);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void decodesSeveralPacketsInOneBuffer(MqttVersion version) {
        List<MqttPacket> packets = clientPackets(version);
        DecoderHarness harness = new DecoderHarness(new MqttDecoder(Integer.MAX_VALUE));

        List<MqttPacket> decoded = harness.feed(concat(packets, version));

        assertThat(decoded).containsExactlyElementsOf(packets);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void clientRoleDecodesServerPacketsOneByteAtATime(MqttVersion version) {
        List<MqttPacket> packets = SamplePackets.all(version).stream()
                .filter(p -> p.type() != PacketType.CONNECT)
                .toList();
        DecoderHarness harness = new DecoderHarness(MqttDecoder.forClient(version, Integer.MAX_VALUE));

        assertThat(harness.feedByteByByte(concat(packets, version))).containsExactlyElementsOf(packets);
    }

    /** One CONNECT first, then everything else a client may send (no Subscription Identifier in PUBLISH). */
    private static List<MqttPacket> clientPackets(MqttVersion version) {
        List<MqttPacket> all = SamplePackets.all(version);
        MqttPacket connect = all.stream()
                .filter(p -> p.type() == PacketType.CONNECT)
                .findFirst()
                .orElseThrow();
        return Stream.concat(
                        Stream.of(connect),
                        all.stream()
                                .filter(p -> p.type() != PacketType.CONNECT)
                                .filter(p -> !(p instanceof Publish pub)
                                        || pub.properties()
                                                .subscriptionIdentifiers()
                                                .isEmpty()))
                .toList();
    }

    private static byte[] concat(List<MqttPacket> packets, MqttVersion version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(DecoderHarness.bytes(p, version)));
        return out.toByteArray();
    }
}
