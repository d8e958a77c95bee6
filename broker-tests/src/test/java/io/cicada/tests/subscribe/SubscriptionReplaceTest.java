package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscribing again to the same filter replaces the subscription, No Local and the subscription options. */
class SubscriptionReplaceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void resubscribingReplacesTheSubscriptionAndResendsRetained() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "replace-pub", true, 60);
            pub.send(new Publish("replace/t", 0, false, true, 0, Properties.EMPTY, Payload.utf8("kept")));
            // The broker reads one connection in order: once it answers this PINGREQ the message is retained.
            pub.send(PingReq.INSTANCE);
            pub.receive(PingResp.class, WAIT);
            sub.connect(MqttVersion.MQTT_3_1_1, "replace-sub", true, 60);
            sub.subscribe("replace/t", 0);
            assertThat(sub.receive(Publish.class, WAIT).retain()).isTrue();
            // [MQTT-3.8.4-3] an identical filter replaces the subscription; retained messages are re-sent
            assertThat(sub.subscribe("replace/t", 1).reasonCodes()).containsExactly(1);
            Publish again = sub.receive(Publish.class, WAIT);
            assertThat(again.retain()).isTrue();
            assertThat(again.payload().asUtf8()).isEqualTo("kept");
            if (again.qos() > 0) {
                sub.send(new PubAck(again.packetId()));
            }
            pub.send(new Publish("replace/t", 1, false, false, 1, Properties.EMPTY, Payload.utf8("live")));
            Publish live = sub.receive(Publish.class, WAIT);
            // one subscription, now QoS 1: one delivery at QoS 1
            assertThat(live.payload().asUtf8()).isEqualTo("live");
            assertThat(live.qos()).isEqualTo(1);
            sub.send(new PubAck(live.packetId()));
            sub.expectNothing(Duration.ofMillis(400));
        }
    }

    @Test
    void noLocalSubscriptionDoesNotReceiveOwnMessages() {
        try (RawMqttClient self = broker.rawClient();
                RawMqttClient other = broker.rawClient()) {
            self.connect(MqttVersion.MQTT_5, "nolocal", true, 60);
            self.subscribe(new Subscription("nolocal/t", 0, true, false, 0));
            self.send(Publish.qos0("nolocal/t", Payload.utf8("mine")));
            // [MQTT-3.8.3-3] No Local: messages are not forwarded to a connection with the publisher's client id
            self.expectNothing(Duration.ofMillis(400));
            other.connect(MqttVersion.MQTT_5, "nolocal-other", true, 60);
            other.send(Publish.qos0("nolocal/t", Payload.utf8("theirs")));
            assertThat(self.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("theirs");
        }
    }

    @Test
    void withoutNoLocalAClientReceivesItsOwnMessages() {
        try (RawMqttClient self = broker.rawClient()) {
            self.connect(MqttVersion.MQTT_5, "local", true, 60);
            self.subscribe("local/t", 0);
            self.send(Publish.qos0("local/t", Payload.utf8("mine")));
            assertThat(self.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("mine");
        }
    }
}
