package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** End-to-end publish/subscribe at every QoS with the HiveMQ client (MQTT 5) and Paho (MQTT 3.1.1 and 5). */
class ThirdPartyPublishTest {
    /**
     * Default settings on purpose: Paho mqttv5 1.2.5 refuses to publish ("Too many publishes in progress") when a
     * server advertises Receive Maximum 65535 explicitly (eclipse-paho/paho.mqtt.java issue 993), so this class
     * checks that the broker leaves the default value out of CONNACK.
     */
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @ParameterizedTest
    @EnumSource(MqttQos.class)
    void hivemqMqtt5RoundTripAtEveryQos(MqttQos qos) {
        String topic = "e2e/hivemq/" + qos.getCode();
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "e2e-sub-" + qos.getCode());
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "e2e-pub-" + qos.getCode());
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith().topicFilter(topic).qos(qos).send();
            var result = pub.publishWith()
                    .topic(topic)
                    .qos(qos)
                    .payload("payload".getBytes(StandardCharsets.UTF_8))
                    .contentType("text/plain")
                    .userProperties()
                    .add("k", "v")
                    .applyUserProperties()
                    .send();
            assertThat(result.getError()).isEmpty();
            Mqtt5Publish message = ThirdPartyClients.next(received);
            assertThat(message.getTopic().toString()).isEqualTo(topic);
            assertThat(message.getQos()).isEqualTo(qos);
            assertThat(ThirdPartyClients.utf8(message)).isEqualTo("payload");
            // [MQTT-3.3.2-20] / [MQTT-3.3.2-17] content type and user properties are forwarded unaltered
            assertThat(message.getContentType().map(Object::toString)).hasValue("text/plain");
            assertThat(message.getUserProperties().asList()).hasSize(1);
            assertThat(message.isRetain()).isFalse();
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void multiByteUtf8TopicsMatchLevelByLevel() {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "e2e-utf8-sub");
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "e2e-utf8-pub");
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("haus/+/温度")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            pub.publishWith()
                    .topic("haus/küche/温度")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1})
                    .send();
            // §1.5.4 UTF-8 topic names; [MQTT-4.7.3-4] matched without normalisation, level by level
            assertThat(ThirdPartyClients.next(received).getTopic().toString()).isEqualTo("haus/küche/温度");
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void oneMebibytePayloadArrivesIntact() {
        byte[] payload = new byte[1 << 20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "e2e-big-sub");
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "e2e-big-pub");
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("e2e/big")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            pub.publishWith()
                    .topic("e2e/big")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send();
            assertThat(ThirdPartyClients.next(received).getPayloadAsBytes()).isEqualTo(payload);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void hivemqPubAckReasonIsSuccessOrNoMatchingSubscribers() {
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "e2e-nomatch");
        pub.connect();
        try {
            var result = pub.publishWith()
                    .topic("e2e/nobody")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1})
                    .send();
            var ack = ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck();
            assertThat(ack.getReasonCode())
                    .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        } finally {
            pub.disconnect();
        }
    }

    @Test
    void pahoMqtt311Qos2RoundTrip() throws Exception {
        MqttClient sub = ThirdPartyClients.pahoV3(broker, "paho3-sub");
        MqttClient pub = ThirdPartyClients.pahoV3(broker, "paho3-pub");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        sub.connect(options);
        pub.connect(options);
        try {
            BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(10);
            sub.subscribe("e2e/paho3", 2, (topic, message) -> received.add(message));
            pub.publish("e2e/paho3", "q2".getBytes(StandardCharsets.UTF_8), 2, false);
            MqttMessage message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.getQos()).isEqualTo(2);
            assertThat(message.isDuplicate()).isFalse();
            assertThat(received.poll(300, TimeUnit.MILLISECONDS))
                    .as("exactly once")
                    .isNull();
        } finally {
            sub.disconnect(2_000);
            pub.disconnect(2_000);
            sub.close();
            pub.close();
        }
    }

    @Test
    void pahoMqtt5Qos1RoundTrip() throws Exception {
        var sub = ThirdPartyClients.pahoV5(broker, "paho5-sub");
        var pub = ThirdPartyClients.pahoV5(broker, "paho5-pub");
        sub.connect();
        pub.connect();
        try {
            BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> received = new ArrayBlockingQueue<>(10);
            sub.subscribe(
                    new MqttSubscription[] {new MqttSubscription("e2e/paho5", 1)},
                    new IMqttMessageListener[] {(t, m) -> received.add(m)});
            pub.publish("e2e/paho5", "p5".getBytes(StandardCharsets.UTF_8), 1, false);
            var message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("p5");
            assertThat(message.getQos()).isEqualTo(1);
        } finally {
            sub.disconnect();
            pub.disconnect();
            sub.close();
            pub.close();
        }
    }
}
