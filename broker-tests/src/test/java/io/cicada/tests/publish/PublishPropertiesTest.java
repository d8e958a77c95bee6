package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.UserProperty;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 PUBLISH properties travel with the message; Message Expiry Interval counts down and expires. */
class PublishPropertiesTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void applicationPropertiesAreForwardedUnaltered() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "props-sub", true, 60);
            sub.subscribe("props/t", 1);
            pub.connect(MqttVersion.MQTT_5, "props-pub", true, 60);
            Properties sent = Properties.builder()
                    .payloadFormatIndicator(1)
                    .contentType("application/json")
                    .responseTopic("props/reply")
                    .correlationData(new byte[] {1, 2, 3})
                    .addUserProperty("a", "1")
                    .addUserProperty("a", "2")
                    .build();
            pub.send(new Publish("props/t", 1, false, false, 1, sent, Payload.utf8("{}")));
            Properties got = sub.receive(Publish.class, WAIT).properties();
            // [MQTT-3.3.2-4] Payload Format Indicator, [MQTT-3.3.2-20] Content Type, [MQTT-3.3.2-15] Response
            // Topic, [MQTT-3.3.2-16] Correlation Data, [MQTT-3.3.2-17]/[MQTT-3.3.2-18] User Properties in order
            assertThat(got.payloadFormatIndicator()).isEqualTo(1);
            assertThat(got.contentType()).isEqualTo("application/json");
            assertThat(got.responseTopic()).isEqualTo("props/reply");
            assertThat(got.correlationData()).containsExactly(1, 2, 3);
            assertThat(got.userProperties()).containsExactly(new UserProperty("a", "1"), new UserProperty("a", "2"));
            assertThat(got.topicAlias()).as("aliases are per hop").isNull();
        }
    }

    @Test
    void forwardedMessageExpiryIsNotLongerThanPublished() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "expiry-sub", true, 60);
            sub.subscribe("msgexpiry/live", 0);
            pub.connect(MqttVersion.MQTT_5, "expiry-pub", true, 60);
            pub.send(new Publish(
                    "msgexpiry/live",
                    0,
                    false,
                    false,
                    0,
                    Properties.builder().messageExpiryInterval(100L).build(),
                    Payload.utf8("x")));
            // [MQTT-3.3.2-6] the forwarded Message Expiry Interval is the received one minus the time waited
            assertThat(sub.receive(Publish.class, WAIT).properties().messageExpiryInterval())
                    .isBetween(1L, 100L);
        }
    }

    @Test
    void expiredMessageIsNotDeliveredToAReturningSession() {
        Connect persistent = new Connect(
                MqttVersion.MQTT_5,
                "expiry-away",
                false,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(60L).build());
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(persistent);
            sub.subscribe("msgexpiry/away", 1);
            sub.send(Disconnect.NORMAL);
            sub.awaitClosed(WAIT);
        }
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "expiry-away-pub", true, 60);
            pub.send(new Publish(
                    "msgexpiry/away",
                    1,
                    false,
                    false,
                    1,
                    Properties.builder().messageExpiryInterval(1L).build(),
                    Payload.utf8("short-lived")));
            pub.send(new Publish("msgexpiry/away", 1, false, false, 2, Properties.EMPTY, Payload.utf8("long-lived")));
            pub.receive(PubAck.class, WAIT);
            pub.receive(PubAck.class, WAIT);
            pub.expectNothing(Duration.ofMillis(2_100)); // let the 1 s expiry pass
        }
        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(persistent).sessionPresent()).isTrue();
            // [MQTT-3.3.2-5] expired before onward delivery started: the server MUST delete it for that subscriber
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.payload().asUtf8()).isEqualTo("long-lived");
            sub.send(new PubAck(p.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }
}
