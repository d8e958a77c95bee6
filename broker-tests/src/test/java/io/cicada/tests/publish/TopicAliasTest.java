package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 inbound topic aliases: a mapping per connection, bounded by the advertised Topic Alias Maximum. */
class TopicAliasTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.topicAliasMaximum(5));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aliasSetOnceThenUsedWithAnEmptyTopic() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "alias-sub", true, 60);
            sub.subscribe("alias/#", 0);
            ConnAck ack = pub.connect(MqttVersion.MQTT_5, "alias-pub", true, 60);
            assertThat(ack.properties().topicAliasMaximum()).isEqualTo(5);
            Properties alias1 = Properties.builder().topicAlias(1).build();
            pub.send(new Publish("alias/long/topic", 0, false, false, 0, alias1, Payload.utf8("a")));
            // [MQTT-3.3.2-12]: the receiver maps the alias to the topic, then an empty topic uses the mapping
            pub.send(new Publish("", 0, false, false, 0, alias1, Payload.utf8("b")));
            Publish first = sub.receive(Publish.class, WAIT);
            Publish second = sub.receive(Publish.class, WAIT);
            assertThat(first.topic()).isEqualTo("alias/long/topic");
            assertThat(second.topic()).isEqualTo("alias/long/topic");
            assertThat(second.payload().asUtf8()).isEqualTo("b");
        }
    }

    @Test
    void aliasAboveTheMaximumIsTopicAliasInvalid() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "alias-big", true, 60);
            pub.send(new Publish(
                    "alias/x",
                    0,
                    false,
                    false,
                    0,
                    Properties.builder().topicAlias(6).build(),
                    Payload.utf8("x")));
            // [MQTT-3.3.2-9] (5.0): alias greater than Topic Alias Maximum: DISCONNECT 0x94
            Disconnect disconnect = pub.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID);
            assertThat(pub.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aliasZeroIsTopicAliasInvalid() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "alias-zero", true, 60);
            // PUBLISH QoS 0, topic "a", properties: Topic Alias (0x23) = 0, payload none
            pub.sendHex("30 07 00 01 61 03 23 00 00");
            // [MQTT-3.3.2-8] (5.0): a Topic Alias of 0 is not permitted: DISCONNECT 0x94
            Disconnect disconnect = pub.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID);
            assertThat(pub.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void unknownAliasWithEmptyTopicIsAProtocolError() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "alias-unknown", true, 60);
            pub.send(new Publish(
                    "", 0, false, false, 0, Properties.builder().topicAlias(2).build(), Payload.utf8("x")));
            // §3.3.2.3.4: an empty topic with an alias that has no mapping is a protocol error (0x82)
            Disconnect disconnect = pub.receive(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isIn(ReasonCode.PROTOCOL_ERROR, ReasonCode.TOPIC_ALIAS_INVALID);
            assertThat(pub.awaitClosed(WAIT)).isTrue();
        }
    }
}
