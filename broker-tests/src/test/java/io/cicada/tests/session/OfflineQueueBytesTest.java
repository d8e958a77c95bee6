package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The offline queue is also bounded in payload bytes ({@code maxQueuedBytes}). */
class OfflineQueueBytesTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxQueuedBytes(10));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void queueHoldsNoMorePayloadBytesThanTheLimit() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "bytes", false, 60);
            sub.subscribe("bytes/t", 1);
            sub.send(Disconnect.NORMAL);
            sub.awaitClosed(WAIT);
        }
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "bytes-pub", true, 60);
            for (int i = 1; i <= 4; i++) {
                pub.send(new Publish("bytes/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("abc" + i)));
                pub.receive(PubAck.class, WAIT);
            }
        }
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "bytes", false, 60);
            List<String> got = new ArrayList<>();
            for (Publish p = next(sub); p != null; p = next(sub)) {
                got.add(p.payload().asUtf8());
                sub.send(new PubAck(p.packetId()));
            }
            // 4-byte payloads, 10 bytes allowed: two fit, the later ones are dropped
            assertThat(got).containsExactly("abc1", "abc2");
        }
    }

    private static Publish next(RawMqttClient client) {
        return (Publish) client.poll(Duration.ofMillis(500));
    }
}
