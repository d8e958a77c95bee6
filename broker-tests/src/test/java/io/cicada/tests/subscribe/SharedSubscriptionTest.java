package io.cicada.tests.subscribe;

import static io.cicada.tests.ThirdPartyClients.TIMEOUT;
import static io.cicada.tests.ThirdPartyClients.expectNoMessage;
import static io.cicada.tests.ThirdPartyClients.hivemq5;
import static io.cicada.tests.ThirdPartyClients.next;
import static io.cicada.tests.ThirdPartyClients.pahoV5;
import static io.cicada.tests.ThirdPartyClients.publishes;
import static io.cicada.tests.ThirdPartyClients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.spec.Spec;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared subscriptions ($share/{group}/{filter}, 5.0 §4.8.2) with real clients and raw packets. */
class SharedSubscriptionTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @Test
    @Spec({"MQTT-4.8.2-3"})
    void twoHiveMqMembersShareTheMessagesAndAPlainSubscriberGetsThemAll() throws Exception {
        Mqtt5BlockingClient a = hivemq5(broker, "share-a");
        Mqtt5BlockingClient b = hivemq5(broker, "share-b");
        Mqtt5BlockingClient plain = hivemq5(broker, "share-plain");
        Mqtt5BlockingClient pub = hivemq5(broker, "share-pub");
        a.connect();
        b.connect();
        plain.connect();
        pub.connect();
        try (var toA = publishes(a);
                var toB = publishes(b);
                var toPlain = publishes(plain)) {
            a.subscribeWith()
                    .topicFilter("$share/g/share/t")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            b.subscribeWith()
                    .topicFilter("$share/g/share/t")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            plain.subscribeWith()
                    .topicFilter("share/t")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            for (int i = 0; i < 10; i++) {
                pub.publishWith()
                        .topic("share/t")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(utf8(next(toPlain)));
            }
            List<String> shared = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                shared.add(utf8(next(toA)));
                shared.add(utf8(next(toB)));
            }
            // round robin: 5 each, every message exactly once across the group
            expectNoMessage(toA);
            expectNoMessage(toB);
            Collections.sort(shared);
            Collections.sort(all);
            assertThat(shared).isEqualTo(all);
        } finally {
            a.disconnect();
            b.disconnect();
            plain.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void pahoMemberSharesWithARawMember() throws Exception {
        var paho = pahoV5(broker, "share-paho");
        BlockingQueue<String> toPaho = new LinkedBlockingQueue<>();
        paho.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                toPaho.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        paho.connect();
        try (RawMqttClient raw = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            paho.subscribe("$share/mixed/share/paho", 1);
            raw.connect(MqttVersion.MQTT_5, "share-raw", true, 60);
            raw.subscribe("$share/mixed/share/paho", 0);
            pub.connect(MqttVersion.MQTT_5, "share-paho-pub", true, 60);
            for (int i = 0; i < 4; i++) {
                pub.send(new Publish("share/paho", 0, false, false, 0, Properties.EMPTY, Payload.utf8("p" + i)));
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                got.add(raw.receive(Publish.class, TIMEOUT).payload().asUtf8());
                got.add(toPaho.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            assertThat(got).containsExactlyInAnyOrder("p0", "p1", "p2", "p3");
        } finally {
            paho.disconnect();
            paho.close();
        }
    }

    @Test
    void messagesAMemberDidNotAcknowledgeGoToAnotherMemberWhenItsConnectionDrops() {
        try (RawMqttClient a = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            a.connect(MqttVersion.MQTT_5, "share-redeliver-a", true, 60);
            a.subscribe("$share/r/share/redeliver", 1);
            RawMqttClient b = broker.rawClient();
            b.connect(MqttVersion.MQTT_5, "share-redeliver-b", true, 60);
            b.subscribe("$share/r/share/redeliver", 1);
            pub.connect(MqttVersion.MQTT_5, "share-redeliver-pub", true, 60);
            for (int i = 0; i < 4; i++) {
                pub.send(new Publish(
                        "share/redeliver", 1, false, false, i + 1, Properties.EMPTY, Payload.utf8("r" + i)));
            }
            List<String> toA = new ArrayList<>();
            toA.add(a.receive(Publish.class, TIMEOUT).payload().asUtf8());
            toA.add(a.receive(Publish.class, TIMEOUT).payload().asUtf8());
            b.receive(Publish.class, TIMEOUT);
            b.receive(Publish.class, TIMEOUT);
            b.close(); // never acknowledged its two messages
            toA.add(a.receive(Publish.class, TIMEOUT).payload().asUtf8());
            toA.add(a.receive(Publish.class, TIMEOUT).payload().asUtf8());
            // §4.8.2: b's unacknowledged messages are sent to a, so the group got all four
            assertThat(toA).containsExactlyInAnyOrder("r0", "r1", "r2", "r3");
            a.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void sharedSubscribeGetsNoRetainedMessage() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "share-retain-pub", true, 60);
            pub.send(new Publish("share/retained", 1, false, true, 1, Properties.EMPTY, Payload.utf8("kept")));
            pub.receive(io.cicada.mqtt.packet.PubAck.class, TIMEOUT);
            sub.connect(MqttVersion.MQTT_5, "share-retain-sub", true, 60);
            assertThat(sub.subscribe("$share/g/share/retained", 1).reasonCodes())
                    .containsExactly(1);
            sub.expectNothing(Duration.ofMillis(300));
            pub.send(new Publish("share/retained", 1, false, true, 2, Properties.EMPTY, Payload.utf8("")));
        }
    }
}
