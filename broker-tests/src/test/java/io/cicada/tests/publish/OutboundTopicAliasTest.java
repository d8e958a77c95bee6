package io.cicada.tests.publish;

import static io.cicada.tests.ThirdPartyClients.hivemq5;
import static io.cicada.tests.ThirdPartyClients.next;
import static io.cicada.tests.ThirdPartyClients.publishes;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.spec.Spec;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic Aliases the broker assigns on outbound PUBLISH packets, within the client's Topic Alias Maximum. */
class OutboundTopicAliasTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    @Spec({"MQTT-3.1.2-26", "MQTT-3.3.2-10"})
    void rawClientSeesTheAliasAssignedThenUsedAndNeverAboveItsMaximum() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "alias-out-sub",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().topicAliasMaximum(1).build()));
            sub.subscribe("alias/out/#", 0);
            pub.connect(MqttVersion.MQTT_5, "alias-out-pub", true, 60);
            for (String topic : new String[] {"alias/out/a", "alias/out/a", "alias/out/b", "alias/out/b"}) {
                pub.send(new Publish(topic, 0, false, false, 0, Properties.EMPTY, Payload.utf8(topic)));
            }
            Publish first = sub.receive(Publish.class, WAIT);
            Publish second = sub.receive(Publish.class, WAIT);
            Publish third = sub.receive(Publish.class, WAIT);
            Publish fourth = sub.receive(Publish.class, WAIT);
            assertThat(first.topic()).isEqualTo("alias/out/a");
            assertThat(first.properties().topicAlias()).isEqualTo(1);
            assertThat(second.topic()).isEmpty();
            assertThat(second.properties().topicAlias()).isEqualTo(1);
            // [MQTT-3.3.2-10] only alias 1 exists for this client: it is re-mapped to the new topic
            assertThat(third.topic()).isEqualTo("alias/out/b");
            assertThat(third.properties().topicAlias()).isEqualTo(1);
            assertThat(fourth.topic()).isEmpty();
        }
    }

    @Test
    @Spec({"MQTT-3.1.2-27"})
    void clientWithoutATopicAliasMaximumGetsNoAliases() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "alias-none-sub", true, 60);
            sub.subscribe("alias/none", 0);
            pub.connect(MqttVersion.MQTT_5, "alias-none-pub", true, 60);
            pub.send(Publish.qos0("alias/none", Payload.utf8("1")));
            pub.send(Publish.qos0("alias/none", Payload.utf8("2")));
            for (int i = 0; i < 2; i++) {
                Publish got = sub.receive(Publish.class, WAIT);
                assertThat(got.topic()).isEqualTo("alias/none"); // [MQTT-3.3.2-10] maximum 0: no alias
                assertThat(got.properties().topicAlias()).isNull();
            }
        }
    }

    @Test
    void hivemqClientResolvesTheBrokersAliases() {
        Mqtt5BlockingClient sub = hivemq5(broker, "alias-hive-sub");
        Mqtt5BlockingClient pub = hivemq5(broker, "alias-hive-pub");
        sub.connectWith()
                .restrictions()
                .topicAliasMaximum(2)
                .applyRestrictions()
                .send();
        pub.connect();
        try (var received = publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("alias/hive/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            String[] topics = {"alias/hive/a", "alias/hive/b", "alias/hive/c", "alias/hive/a", "alias/hive/c"};
            for (String topic : topics) {
                pub.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(topic.getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            for (String topic : topics) {
                var message = next(received);
                assertThat(message.getTopic().toString()).isEqualTo(topic);
                assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(topic);
            }
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }
}
