package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topic names at the edges of their encoding: a U+FEFF (bytes EF BB BF) inside is an ordinary character that is kept,
 * and the longest name, 65535 bytes, travels whole (5.0 §1.5.4, §4.7.3; 3.1.1 §1.5.3, §4.7.3).
 */
class TopicEncodingConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void zeroWidthNoBreakSpaceIsKeptAndMatchedLiterally() {
        for (MqttVersion version : new MqttVersion[] {MqttVersion.MQTT_5, MqttVersion.MQTT_3_1_1}) {
            String topic = "bom/\uFEFFx" + version.ordinal();
            try (RawMqttClient sub = broker.rawClient();
                    RawMqttClient pub = broker.rawClient()) {
                sub.connect(version, "bom-sub-" + version.ordinal(), true, 60);
                sub.subscribe(topic, 0);
                sub.subscribe("bom/x" + version.ordinal(), 0);
                pub.connect(version, "bom-pub-" + version.ordinal(), true, 60);
                pub.send(Publish.qos0(topic, Payload.utf8("with")));
                Publish in = sub.receive(Publish.class, WAIT);
                // [MQTT-1.5.4-3] [MQTT-1.5.3-3] the EF BB BF bytes are neither skipped nor stripped: the topic arrives
                // as sent and matched only the filter that has them, not "bom/x"
                assertThat(in.topic()).isEqualTo(topic);
                assertThat(in.topic().codePointAt(4)).isEqualTo(0xFEFF);
                sub.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void theLongestTopicNameTravelsWhole() {
        String topic = "long/" + "x".repeat(65535 - 5);
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            // [MQTT-4.1.0-1] the subscription is session state the open connection keeps for what follows
            sub.connect(MqttVersion.MQTT_5, "long-sub", true, 60);
            sub.subscribe("long/+", 0);
            pub.connect(MqttVersion.MQTT_3_1_1, "long-pub", true, 60);
            pub.send(Publish.qos0(topic, Payload.utf8("far")));
            Publish in = sub.receive(Publish.class, WAIT);
            // [MQTT-4.7.3-3] [MQTT-4.7.3-3@3.1.1] 65535 bytes, the most a name may encode to, forwarded unchanged
            assertThat(in.topic()).hasSize(65535).isEqualTo(topic);
            assertThat(in.payload().asUtf8()).isEqualTo("far");
        }
    }
}
