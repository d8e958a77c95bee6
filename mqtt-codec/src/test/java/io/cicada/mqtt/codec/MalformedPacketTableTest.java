package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the tables in {@code src/test/resources/malformed/}, one file per packet type. Each row: the version, the
 * decoder role ({@code server}: fresh server decoder; {@code connected}: server decoder after a valid CONNECT;
 * {@code client}: client decoder), the bytes in hex, the expected outcome ({@code ok} or the reason code of the
 * {@link MalformedPacket}), the spec statement ({@code -} when the rule has no number) and a description.
 */
class MalformedPacketTableTest {

    static Stream<Arguments> rows() throws IOException, URISyntaxException {
        Path dir =
                Path.of(MalformedPacketTableTest.class.getResource("/malformed").toURI());
        List<Arguments> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String table = file.getFileName().toString().replace(".tsv", "");
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] c = line.split("\t");
                    rows.add(Arguments.of(table, c[5], c[0], c[1], c[2], c[3], c[4]));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: {1} ({2}, {3}) -> {5}")
    @MethodSource("rows")
    void decodesAsTheTableSays(
            String table, String description, String version, String role, String hex, String expected, String spec) {
        MqttVersion v = parseVersion(version);
        DecoderHarness harness =
                switch (role) {
                    case "server" -> new DecoderHarness(new MqttDecoder(1 << 20));
                    case "connected" -> DecoderHarness.connected(v, 1 << 20);
                    case "client" -> new DecoderHarness(MqttDecoder.forClient(v, 1 << 20));
                    default -> throw new IllegalArgumentException("unknown role " + role);
                };
        List<MqttPacket> packets = harness.feed(HexFormat.of().parseHex(hex.replace(" ", "")));

        if (expected.equals("ok")) {
            assertThat(packets).hasSize(1);
            assertThat(packets.get(0)).isNotInstanceOf(MalformedPacket.class);
            MqttPacket decoded = packets.get(0);
            // what decodes also re-encodes and decodes to the same packet
            assertThat(RoundTrip.viaBytes(decoded, v)).isEqualTo(decoded);
        } else {
            assertThat(packets).hasSize(1);
            assertThat(packets.get(0)).isInstanceOf(MalformedPacket.class);
            MalformedPacket m = (MalformedPacket) packets.get(0);
            assertThat(String.format("0x%02X", m.reasonCode())).as(m.reason()).isEqualTo(expected);
            if (!spec.equals("-")) {
                assertThat(m.specRef()).as(m.reason()).isEqualTo(spec);
            }
        }
    }

    private static MqttVersion parseVersion(String version) {
        return switch (version) {
            case "3.1" -> MqttVersion.MQTT_3_1;
            case "3.1.1" -> MqttVersion.MQTT_3_1_1;
            case "5.0" -> MqttVersion.MQTT_5;
            default -> throw new IllegalArgumentException("unknown version " + version);
        };
    }
}
