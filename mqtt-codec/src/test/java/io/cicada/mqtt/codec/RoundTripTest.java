package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Publish;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Encode → decode → equals, for every packet type in every version it exists in. */
class RoundTripTest {

    static Stream<Arguments> packets() {
        return Stream.of(MqttVersion.values())
                .flatMap(v -> SamplePackets.all(v).stream().map(p -> Arguments.of(v, p)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("packets")
    void decodesToTheEncodedPacket(MqttVersion version, MqttPacket packet) {
        assertThat(RoundTrip.viaBytes(packet, version)).isEqualTo(packet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void encodedSizeMatchesTheBytes(MqttVersion version, MqttPacket packet) {
        assertThat(MqttEncoder.encodedSize(packet, version)).isEqualTo(DecoderHarness.bytes(packet, version).length);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void samplesCoverEveryPacketTypeOfTheVersion(MqttVersion version) {
        Set<PacketType> covered = EnumSet.noneOf(PacketType.class);
        SamplePackets.all(version).forEach(p -> covered.add(p.type()));
        Set<PacketType> expected = EnumSet.complementOf(EnumSet.of(PacketType.MALFORMED));
        if (!version.isV5()) {
            expected.remove(PacketType.AUTH);
        }
        assertThat(covered).isEqualTo(expected);
    }

    /** Payload sizes whose Remaining Length takes one, two, three and four bytes. */
    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 100, 200, 16_000, 20_000, 2_097_000, 2_100_000})
    void largeRemainingLengthsRoundTrip(int size) {
        Publish publish = SamplePackets.withPayload(size);
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(RoundTrip.viaBytes(publish, v)).isEqualTo(publish);
        }
    }

    @Test
    void remainingLengthUsesOneToFourBytes() {
        assertThat(headerLength(SamplePackets.withPayload(10))).isEqualTo(2);
        assertThat(headerLength(SamplePackets.withPayload(200))).isEqualTo(3);
        assertThat(headerLength(SamplePackets.withPayload(20_000))).isEqualTo(4);
        assertThat(headerLength(SamplePackets.withPayload(2_100_000))).isEqualTo(5);
    }

    private static int headerLength(Publish p) {
        byte[] bytes = DecoderHarness.bytes(p, MqttVersion.MQTT_3_1_1);
        int i = 1;
        while ((bytes[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }
}
