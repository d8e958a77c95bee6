package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic Alias scope and limits at packet level: aliases live for one connection, and never above the maximum. */
class TopicAliasConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void anInboundAliasDoesNotCarryOverToTheNextConnection() {
        try (RawMqttClient watcher = broker.rawClient()) {
            watcher.connect(MqttVersion.MQTT_5, "alias-watch", true, 60);
            watcher.subscribe("alias/scope", 0);
            try (RawMqttClient first = broker.rawClient()) {
                first.connect(MqttVersion.MQTT_5, "alias-scope", true, 60);
                first.send(new Publish(
                        "alias/scope",
                        0,
                        false,
                        false,
                        0,
                        Properties.builder().topicAlias(1).build(),
                        Payload.utf8("1")));
                assertThat(watcher.receive(Publish.class, WAIT).payload().asUtf8())
                        .isEqualTo("1");
            }
            try (RawMqttClient second = broker.rawClient()) {
                second.connect(MqttVersion.MQTT_5, "alias-scope", true, 60);
                second.send(new Publish(
                        "",
                        0,
                        false,
                        false,
                        0,
                        Properties.builder().topicAlias(1).build(),
                        Payload.utf8("2")));
                // [MQTT-3.3.2-7] alias 1 means nothing on the new connection: a Protocol Error, nothing routed
                MqttPacket answer = second.poll(WAIT);
                assertThat(answer).isInstanceOf(Disconnect.class);
                assertThat(((Disconnect) answer).reasonCode()).isIn(0x82, 0x94);
                watcher.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void outboundAliasesStayWithinTheClientsMaximum() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "alias-max",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().topicAliasMaximum(2).build()));
            sub.subscribe("alias/max/#", 0);
            pub.connect(MqttVersion.MQTT_5, "alias-max-pub", true, 60);
            for (int i = 0; i < 12; i++) {
                pub.send(Publish.qos0("alias/max/" + (i % 4), Payload.utf8(Integer.toString(i))));
            }
            for (int i = 0; i < 12; i++) {
                Integer alias = sub.receive(Publish.class, WAIT).properties().topicAlias();
                // [MQTT-3.3.2-11] no alias above the client's Topic Alias Maximum (0 is never sent either)
                if (alias != null) {
                    assertThat(alias).isBetween(1, 2);
                }
            }
        }
    }
}
