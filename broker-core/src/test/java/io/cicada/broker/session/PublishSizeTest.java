package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import org.junit.jupiter.api.Test;

class PublishSizeTest {

    private static void assertSameAsEncoder(Publish publish) {
        assertThat(PublishSize.of(publish)).isEqualTo(MqttEncoder.encodedSize(publish, MqttVersion.MQTT_5));
    }

    @Test
    void matchesTheEncoderWithoutProperties() {
        assertSameAsEncoder(new Publish("a/b", 0, false, false, 0, Properties.EMPTY, Payload.utf8("x")));
        assertSameAsEncoder(new Publish("a/b", 1, false, false, 9, Properties.EMPTY, Payload.wrap(new byte[200])));
        assertSameAsEncoder(new Publish("t", 2, false, false, 9, Properties.EMPTY, Payload.wrap(new byte[20_000])));
    }

    @Test
    void matchesTheEncoderWithEveryMessageProperty() {
        Properties properties = Properties.builder()
                .payloadFormatIndicator(1)
                .messageExpiryInterval(60L)
                .contentType("text/plain")
                .responseTopic("reply/to")
                .correlationData(new byte[] {1, 2, 3})
                .addSubscriptionIdentifier(5)
                .addSubscriptionIdentifier(300_000)
                .addUserProperty("k", "välue")
                .build();
        assertSameAsEncoder(new Publish("ü/topic", 1, true, true, 3, properties, Payload.utf8("payload")));
    }
}
