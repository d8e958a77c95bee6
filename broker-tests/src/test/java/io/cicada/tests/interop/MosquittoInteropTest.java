package io.cicada.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.MosquittoClients;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages crossing client libraries and protocol versions: mosquitto, HiveMQ, Paho; 3.1, 3.1.1 and 5. */
class MosquittoInteropTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void hivemqMqtt5PublishReachesMosquittoMqtt31Subscriber() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "interop-hivemq-pub");
        pub.connect();
        try (MosquittoClients.Subscriber sub = mosquitto.subscribe(
                "-V", "31", "-i", "interop31", "-t", "interop/v31", "-q", "1", "-F", "%q %p", "-C", "1")) {
            sub.awaitSubscribed(WAIT);
            pub.publishWith()
                    .topic("interop/v31")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload("from five".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertThat(sub.awaitOutput(1, WAIT)).containsExactly("1 from five");
        } finally {
            pub.disconnect();
        }
    }

    @Test
    void mosquittoMqtt5UserPropertyReachesPahoMqtt5Subscriber() throws Exception {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        var sub = ThirdPartyClients.pahoV5(broker, "interop-paho5");
        sub.connect();
        try {
            BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(4);
            sub.subscribe(
                    new MqttSubscription[] {new MqttSubscription("interop/props", 1)},
                    new IMqttMessageListener[] {(t, m) -> received.add(m)});
            mosquitto
                    .publish(
                            "-V",
                            "5",
                            "-t",
                            "interop/props",
                            "-q",
                            "1",
                            "-m",
                            "with props",
                            "-D",
                            "publish",
                            "user-property",
                            "origin",
                            "mosquitto",
                            "-D",
                            "publish",
                            "content-type",
                            "text/plain")
                    .assertSuccess();
            MqttMessage message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("with props");
            // [MQTT-3.3.2-17] user properties and [MQTT-3.3.2-20] content type forwarded unaltered
            assertThat(message.getProperties().getUserProperties())
                    .extracting(UserProperty::getKey, UserProperty::getValue)
                    .containsExactly(Tuple.tuple("origin", "mosquitto"));
            assertThat(message.getProperties().getContentType()).isEqualTo("text/plain");
        } finally {
            sub.disconnect();
            sub.close();
        }
    }

    @Test
    void pahoMqtt311Qos2PublishReachesMosquittoQos2Subscriber() throws Exception {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        MqttClient pub = ThirdPartyClients.pahoV3(broker, "interop-paho3");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        pub.connect(options);
        try (MosquittoClients.Subscriber sub =
                mosquitto.subscribe("-V", "311", "-t", "interop/q2", "-q", "2", "-F", "%q %p", "-C", "2")) {
            sub.awaitSubscribed(WAIT);
            pub.publish("interop/q2", "first".getBytes(StandardCharsets.UTF_8), 2, false);
            pub.publish("interop/q2", "second".getBytes(StandardCharsets.UTF_8), 2, false);
            // [MQTT-4.6.0-6] in order, exactly once each
            assertThat(sub.awaitOutput(2, WAIT)).containsExactly("2 first", "2 second");
            assertThat(sub.awaitExit(WAIT)).isZero();
        } finally {
            pub.disconnect(2_000);
            pub.close();
        }
    }

    @Test
    void mosquittoPersistentSessionGetsMessagesQueuedWhileAway() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        try (MosquittoClients.Subscriber first = mosquitto.subscribe(
                "-V", "311", "-c", "-i", "mosq-persist", "-t", "interop/persist", "-q", "1", "-E")) {
            assertThat(first.awaitExit(WAIT)).isZero();
        }
        mosquitto
                .publish("-V", "311", "-t", "interop/persist", "-q", "1", "-m", "queued")
                .assertSuccess();
        try (MosquittoClients.Subscriber again = mosquitto.subscribe(
                "-V",
                "311",
                "-c",
                "-i",
                "mosq-persist",
                "-t",
                "interop/persist",
                "-q",
                "1",
                "-F",
                "%q %p",
                "-C",
                "1")) {
            // [MQTT-3.1.2-5] (3.1.1) the stored session receives the QoS 1 message published while it was away
            assertThat(again.awaitOutput(1, WAIT)).containsExactly("1 queued");
        }
    }

    @Test
    void mosquittoWillIsPublishedWhenItsProcessIsKilled() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        Mqtt5BlockingClient watcher = ThirdPartyClients.hivemq5(broker, "interop-will-watch");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes wills = ThirdPartyClients.publishes(watcher)) {
            watcher.subscribeWith().topicFilter("interop/will").send();
            MosquittoClients.Subscriber doomed = mosquitto.subscribe(
                    "-V",
                    "5",
                    "-i",
                    "mosq-doomed",
                    "-t",
                    "interop/nothing",
                    "--will-topic",
                    "interop/will",
                    "--will-payload",
                    "killed");
            doomed.awaitSubscribed(WAIT);
            doomed.kill();
            // [MQTT-3.1.2-8] connection lost without DISCONNECT: the will is published
            assertThat(ThirdPartyClients.utf8(ThirdPartyClients.next(wills))).isEqualTo("killed");
        } finally {
            watcher.disconnect();
        }
    }
}
