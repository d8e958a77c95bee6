package io.cicada.tests.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed packets after a successful CONNECT, as raw bytes: MQTT 5 gets a DISCONNECT with the reason code, then
 * the connection closes; MQTT 3.1.1 gets a plain close ([MQTT-4.8.0-1] (3.1.1), §4.13 (5.0)).
 */
class MalformedPacketTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);
    static final int MALFORMED = 0x81;
    static final int PROTOCOL_ERROR = 0x82;

    /** MQTT 5 samples: spec reference, hex after CONNECT, acceptable reason codes. */
    static Stream<Arguments> mqtt5Samples() {
        return Stream.of(
                sample("MQTT-3.3.1-4 PUBLISH QoS 3", "36 06 00 01 61 00 01 00", MALFORMED),
                sample("MQTT-3.3.1-2 PUBLISH DUP with QoS 0", "38 04 00 01 61 00", MALFORMED),
                sample("MQTT-3.3.2-2 PUBLISH topic with wildcard", "30 04 00 01 23 00", 0x90),
                sample(
                        "MQTT-2.2.1-3 PUBLISH QoS 1 with packet id 0",
                        "32 06 00 01 61 00 00 00",
                        MALFORMED,
                        PROTOCOL_ERROR),
                sample("MQTT-1.5.4-2 PUBLISH topic with U+0000", "30 05 00 02 61 00 00", MALFORMED, 0x90),
                sample("MQTT-2.2.2 PUBLISH unknown property 0x7F", "30 06 00 01 61 02 7F 00", MALFORMED),
                sample(
                        "MQTT-2.2.2 PUBLISH duplicate Payload Format Indicator",
                        "30 08 00 01 61 04 01 00 01 00",
                        PROTOCOL_ERROR,
                        MALFORMED),
                sample("MQTT-3.3.2 Payload Format Indicator 2", "30 06 00 01 61 02 01 02", MALFORMED, PROTOCOL_ERROR),
                sample("MQTT-3.8.1-1 SUBSCRIBE with flags 0000", "80 07 00 01 00 00 01 61 00", MALFORMED),
                sample("MQTT-3.8.3-2 SUBSCRIBE without filters", "82 03 00 01 00", MALFORMED, PROTOCOL_ERROR),
                sample("MQTT-3.8.3-5 SUBSCRIBE reserved option bits", "82 07 00 01 00 00 01 61 C0", MALFORMED),
                // 5.0 §3.8.3.1: Maximum QoS 3 and Retain Handling 3 are Protocol Errors (not malformed)
                sample("MQTT-3.8.3-1 SUBSCRIBE QoS 3", "82 07 00 01 00 00 01 61 03", PROTOCOL_ERROR),
                sample("MQTT-3.8.3-1 SUBSCRIBE Retain Handling 3", "82 07 00 01 00 00 01 61 30", PROTOCOL_ERROR),
                sample("MQTT-3.10.3-2 UNSUBSCRIBE without filters", "A2 03 00 01 00", MALFORMED, PROTOCOL_ERROR),
                sample("MQTT-3.6.1-1 PUBREL with flags 0000", "60 02 00 01", MALFORMED),
                sample("MQTT-3.12 PINGREQ with a body", "C0 01 00", MALFORMED),
                sample("MQTT-2.1.2 reserved packet type 0", "00 00", MALFORMED, PROTOCOL_ERROR),
                sample("MQTT-1.5.5 remaining length of five bytes", "30 FF FF FF FF 7F", MALFORMED));
    }

    /** MQTT 3.1.1 samples: spec reference and hex after CONNECT; each must close the connection. */
    static Stream<Arguments> mqtt311Samples() {
        return Stream.of(
                Arguments.of("MQTT-3.3.1-4 PUBLISH QoS 3", "36 05 00 01 61 00 01"),
                Arguments.of("MQTT-3.3.2-2 PUBLISH topic with wildcard", "30 03 00 01 2B"),
                Arguments.of("MQTT-3.8.1-1 SUBSCRIBE with flags 0000", "80 06 00 01 00 01 61 00"),
                Arguments.of("MQTT-3.8.3-3 SUBSCRIBE without filters", "82 02 00 01"),
                Arguments.of("MQTT-3.8.3-4 SUBSCRIBE reserved bits", "82 06 00 01 00 01 61 04"),
                Arguments.of("MQTT-3.10.3-2 UNSUBSCRIBE without filters", "A2 02 00 01"),
                Arguments.of("MQTT-2.2.2-2 PINGREQ with flags", "C1 00"),
                Arguments.of("MQTT-2.2 AUTH does not exist in 3.1.1", "F0 00"),
                Arguments.of("MQTT-1.5.3-2 topic with U+0000", "30 05 00 02 61 00 00"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mqtt5Samples")
    void mqtt5MalformedPacketGetsDisconnectWithReasonThenClose(String spec, String hex, int[] codes) {
        // The samples check [MQTT-3.3.1-4] [MQTT-3.3.1-2] [MQTT-3.3.2-2] [MQTT-4.7.0-1] [MQTT-1.5.4-2] [MQTT-3.8.1-1]
        // [MQTT-3.8.3-2] [MQTT-3.8.3-5] [MQTT-3.10.3-2] [MQTT-3.6.1-1] [MQTT-2.1.3-1]; each closes [MQTT-4.13.1-1]
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_5, "bad5-" + Math.abs(spec.hashCode()), true, 60)
                            .reasonCode())
                    .isZero();
            client.sendHex(hex);
            MqttPacket answer = client.poll(WAIT);
            assertThat(answer).as("%s: DISCONNECT expected before close", spec).isInstanceOf(Disconnect.class);
            assertThat(((Disconnect) answer).reasonCode())
                    .as("%s: reason code", spec)
                    .isIn(Arrays.stream(codes).boxed().toArray());
            assertThat(client.awaitClosed(WAIT))
                    .as("%s: connection closed", spec)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mqtt311Samples")
    void mqtt311MalformedPacketClosesTheConnection(String spec, String hex) {
        // The samples check [MQTT-3.3.1-4@3.1.1] [MQTT-3.3.2-2@3.1.1] [MQTT-4.7.1-1@3.1.1] [MQTT-3.8.1-1@3.1.1]
        // [MQTT-3.8.3-3@3.1.1] [MQTT-3.8.3-4@3.1.1] [MQTT-3.10.3-2@3.1.1] [MQTT-2.2.2-2] [MQTT-1.5.3-2]; [MQTT-4.8.0-1]
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_3_1_1, "bad3-" + Math.abs(spec.hashCode()), true, 60)
                            .reasonCode())
                    .isZero();
            client.sendHex(hex);
            assertThat(client.awaitClosed(WAIT))
                    .as("%s: connection closed", spec)
                    .isTrue();
            assertThat(client.poll(Duration.ZERO))
                    .as("%s: nothing sent back in 3.1.1", spec)
                    .isNull();
        }
    }

    @Test
    void brokerKeepsServingOthersAfterMalformedInput() {
        try (RawMqttClient bad = broker.rawClient();
                RawMqttClient good = broker.rawClient()) {
            good.connect(MqttVersion.MQTT_5, "survivor", true, 60);
            good.subscribe("survive/t", 0);
            bad.sendHex("FF FF FF FF FF FF"); // garbage as the first bytes
            assertThat(bad.awaitClosed(WAIT)).isTrue();
            good.send(Publish.qos0("survive/t", Payload.utf8("still here")));
            assertThat(good.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("still here");
        }
    }

    private static Arguments sample(String spec, String hex, int... codes) {
        return Arguments.of(spec, hex, codes);
    }
}
