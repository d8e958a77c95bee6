package io.cicada.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.RawMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of state a durable broker keeps, across a restart: persistent sessions (Session Present 1) with their
 * subscriptions, queued messages in order, in-flight messages re-sent with DUP (PUBREL for those past PUBREC), inbound
 * QoS 2 packet ids awaiting PUBREL, and retained messages.
 */
class RestartTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path data;

    DurableBroker broker;

    @BeforeEach
    void start() {
        broker = new DurableBroker(data).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void persistentSessionGetsItsQueuedMessagesInOrderAfterARestart() throws InterruptedException {
        Mqtt5BlockingClient subscriber = hivemq("restart-sub");
        subscriber.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
        subscriber
                .subscribeWith()
                .topicFilter("restart/queue/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        subscriber.disconnect();
        Mqtt5BlockingClient publisher = hivemq("restart-pub");
        publisher.connect();
        for (int i = 0; i < 50; i++) {
            publisher
                    .publishWith()
                    .topic("restart/queue/" + (i % 3))
                    .qos(i % 2 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE)
                    .payload(("m" + i).getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        publisher.disconnect();

        broker.restart();

        Mqtt5BlockingClient resumed = hivemq("restart-sub");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = resumed.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck connAck = resumed.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(3600)
                    .send();
            assertThat(connAck.isSessionPresent()).isTrue(); // [MQTT-3.2.2-3]
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Mqtt5Publish publish = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                received.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add("m" + i);
            }
            assertThat(received).isEqualTo(expected);
            // The subscription itself survived too: a message published now arrives.
            Mqtt5BlockingClient later = hivemq("restart-pub2");
            later.connect();
            later.publishWith()
                    .topic("restart/queue/x")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("live".getBytes(StandardCharsets.UTF_8))
                    .send();
            later.disconnect();
            assertThat(publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("live");
        }
        resumed.disconnect();
    }

    @Test
    void unacknowledgedMessagesAreResentWithDupAfterARestart() {
        Connect connect = persistent(MqttVersion.MQTT_3_1_1, "restart-inflight");
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(connect);
            sub.subscribe("restart/inflight/#", 2);
            try (RawMqttClient pub = broker.rawClient()) {
                pub.connect(MqttVersion.MQTT_3_1_1, "restart-inflight-pub", true, 60);
                pub.send(publish("restart/inflight/1", 1, 1, "one"));
                pub.receive(PubAck.class, WAIT);
                pub.send(publish("restart/inflight/2", 2, 2, "two"));
                pub.receive(PubRec.class, WAIT);
                pub.send(new PubRel(2));
                pub.receive(PubComp.class, WAIT);
            }
            Publish first = sub.receive(Publish.class, WAIT);
            Publish second = sub.receive(Publish.class, WAIT);
            assertThat(second.qos()).isEqualTo(2);
            sub.send(new PubRec(second.packetId())); // QoS 2 now past PUBREC, QoS 1 never acknowledged
            sub.receive(PubRel.class, WAIT);
            assertThat(first.dup()).isFalse();

            broker.restart();

            try (RawMqttClient again = broker.rawClient()) {
                assertThat(again.connect(connect).sessionPresent()).isTrue();
                Publish resent = again.receive(Publish.class, WAIT);
                assertThat(resent.dup()).isTrue(); // [MQTT-4.4.0-1]
                assertThat(resent.packetId()).isEqualTo(first.packetId());
                assertThat(resent.payload().asUtf8()).isEqualTo("one");
                assertThat(again.receive(PubRel.class, WAIT).packetId()).isEqualTo(second.packetId());
                again.send(new PubAck(resent.packetId()));
                again.send(new PubComp(second.packetId()));
                again.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void inboundQos2AwaitingReleaseSurvivesARestart() {
        Connect connect = persistent(MqttVersion.MQTT_5, "restart-q2-pub");
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(persistent(MqttVersion.MQTT_5, "restart-q2-sub"));
            sub.subscribe("restart/q2", 1);
            try (RawMqttClient pub = broker.rawClient()) {
                pub.connect(connect);
                pub.send(publish("restart/q2", 2, 9, "once"));
                assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(9);
            }
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("once");
        }

        broker.restart();

        try (RawMqttClient sub = broker.rawClient()) {
            ConnAck subAck = sub.connect(persistent(MqttVersion.MQTT_5, "restart-q2-sub"));
            assertThat(subAck.sessionPresent()).isTrue();
            Publish redelivered = sub.receive(Publish.class, WAIT); // never acknowledged before the restart
            assertThat(redelivered.dup()).isTrue();
            sub.send(new PubAck(redelivered.packetId()));
            try (RawMqttClient pub = broker.rawClient()) {
                assertThat(pub.connect(connect).sessionPresent()).isTrue();
                pub.send(new Publish("restart/q2", 2, true, false, 9, Properties.EMPTY, Payload.utf8("once")));
                assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(9); // known: not routed again
                pub.send(new PubRel(9));
                PubComp comp = pub.receive(PubComp.class, WAIT);
                assertThat(comp.reasonCode()).isZero(); // the packet id was still known after the restart
            }
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void retainedMessagesSurviveARestartAndAClearStaysCleared() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "restart-retain", true, 60);
            pub.send(new Publish("restart/retained/a", 1, false, true, 1, Properties.EMPTY, Payload.utf8("A")));
            pub.receive(PubAck.class, WAIT);
            pub.send(new Publish("restart/retained/b", 1, false, true, 2, Properties.EMPTY, Payload.utf8("B")));
            pub.receive(PubAck.class, WAIT);
            pub.send(new Publish("restart/retained/b", 1, false, true, 3, Properties.EMPTY, Payload.EMPTY));
            pub.receive(PubAck.class, WAIT);
        }

        broker.restart();

        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "restart-retain-sub", true, 60);
            sub.subscribe(new Subscription("restart/retained/#", 1, false, false, 0));
            Publish retained = sub.receive(Publish.class, WAIT);
            assertThat(retained.topic()).isEqualTo("restart/retained/a");
            assertThat(retained.retain()).isTrue();
            assertThat(retained.payload().asUtf8()).isEqualTo("A");
            sub.send(new PubAck(retained.packetId()));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void aCleanStartDiscardsTheStoredSession() {
        Connect connect = persistent(MqttVersion.MQTT_5, "restart-clean");
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(connect);
            sub.subscribe("restart/clean", 1);
        }
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(new Connect(MqttVersion.MQTT_5, "restart-clean", true, 60, null, null, null, Properties.EMPTY));
        }

        broker.restart();

        try (RawMqttClient sub = broker.rawClient()) {
            assertThat(sub.connect(connect).sessionPresent()).isFalse();
        }
    }

    private Mqtt5BlockingClient hivemq(String clientId) {
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    static Connect persistent(MqttVersion version, String clientId) {
        Properties props = version.isV5()
                ? Properties.builder().sessionExpiryInterval(3600L).build()
                : Properties.EMPTY;
        return new Connect(version, clientId, false, 60, null, null, null, props);
    }

    static Publish publish(String topic, int qos, int packetId, String payload) {
        return new Publish(topic, qos, false, false, packetId, Properties.EMPTY, Payload.utf8(payload));
    }
}
