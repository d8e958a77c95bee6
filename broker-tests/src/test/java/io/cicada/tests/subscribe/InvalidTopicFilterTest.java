package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.spec.Spec;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invalid topic filters are refused per filter in the SUBACK; valid ones in the same SUBSCRIBE are granted. */
class InvalidTopicFilterTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a/b#", "a+/b", "#/a", "a/++"})
    void mqtt5InvalidFilterGetsTopicFilterInvalid(String filter) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "bad-filter-5", true, 60);
            SubAck ack = client.subscribe(Subscription.of(filter, 1), Subscription.of("good/filter", 1));
            // [MQTT-4.7.1-1] / [MQTT-4.7.1-2] wildcard placement; 5.0 §3.9.3: 0x8F Topic Filter invalid per filter
            // [MQTT-3.9.3-1] one reason code per filter, in order
            assertThat(ack.reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID, 1);
            assertThat(client.isClosedByBroker()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a/b#", "a+/b", "#/a"})
    void mqtt311InvalidFilterGetsFailureReturnCode(String filter) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "bad-filter-3", true, 60);
            SubAck ack = client.subscribe(Subscription.of("good/filter", 2), Subscription.of(filter, 0));
            // 3.1.1 §3.9.3: return code 0x80 Failure for a filter the server refuses
            assertThat(ack.reasonCodes()).containsExactly(2, ReasonCode.V3_SUBACK_FAILURE);
        }
    }

    @Test
    void subAckCarriesTheSubscribePacketId() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "suback-id", true, 60);
            client.send(new Subscribe(31_337, List.of(Subscription.of("x/y", 1)), Properties.EMPTY));
            // [MQTT-3.8.4-2] SUBACK has the same packet id as the SUBSCRIBE
            SubAck ack = client.receive(SubAck.class, Duration.ofSeconds(5));
            assertThat(ack.packetId()).isEqualTo(31_337);
            assertThat(ack.reasonCodes()).containsExactly(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share//t", "$share/g", "$share/g/", "$share/g+/t", "$share/g#/t"})
    @Spec({"MQTT-4.8.2-1", "MQTT-4.8.2-2"})
    void malformedSharedFilterGetsTopicFilterInvalid(String filter) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "bad-share-5", true, 60);
            // [MQTT-4.8.2-1] a share name of at least one character; [MQTT-4.8.2-2] without / + #, then a filter
            assertThat(client.subscribe(Subscription.of(filter, 1), Subscription.of("$share/ok/t", 1))
                            .reasonCodes())
                    .containsExactly(ReasonCode.TOPIC_FILTER_INVALID, 1);
        }
    }
}
