package io.cicada.benchmarks;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import java.nio.charset.StandardCharsets;

/**
 * The PUBLISH packets the codec and fan-out benchmarks use: a sensor-style topic, a payload of the given size and, for
 * MQTT 5, the properties a real application sets. Stateless.
 */
final class Messages {
    static final String TOPIC = "site/42/device/1234/temperature";

    private Messages() {}

    /** A QoS 1 PUBLISH of {@code size} payload bytes; in MQTT 5 with expiry, content type, response topic, etc. */
    static Publish publish(MqttVersion version, int size, int packetId) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Properties properties = version.isV5()
                ? Properties.builder()
                        .payloadFormatIndicator(1)
                        .messageExpiryInterval(3600L)
                        .contentType("application/json")
                        .responseTopic("site/42/device/1234/reply")
                        .correlationData("req-000001".getBytes(StandardCharsets.UTF_8))
                        .addUserProperty("unit", "celsius")
                        .addUserProperty("firmware", "2.4.1")
                        .build()
                : Properties.EMPTY;
        return new Publish(TOPIC, 1, false, false, packetId, properties, Payload.wrap(payload));
    }

    static MqttVersion version(String name) {
        return switch (name) {
            case "3.1.1" -> MqttVersion.MQTT_3_1_1;
            case "5" -> MqttVersion.MQTT_5;
            default -> throw new IllegalArgumentException("version " + name + ": expected 3.1.1 or 5");
        };
    }
}
