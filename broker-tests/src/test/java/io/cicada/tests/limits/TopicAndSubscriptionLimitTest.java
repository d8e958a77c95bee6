package io.cicada.tests.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code max_topic_levels}, {@code max_topic_length} and {@code max_subscriptions_per_client} with real clients: the
 * refusal each protocol version gets, and other clients (and the same client's other topics) served as before.
 */
class TopicAndSubscriptionLimitTest {
    static final String TOO_DEEP = "l/a/b/c/d"; // 5 levels, 4 allowed
    static final String TOO_LONG = "l/" + "x".repeat(40); // 42 bytes, 32 allowed

    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create()
            .withSettings(s -> s.limits(ClientLimits.builder()
                    .maxTopicLevels(4)
                    .maxTopicLength(32)
                    .maxSubscriptions(3)
                    .build()));

    private static long hits(Limit limit) {
        return broker.broker().core().stats().limitHits(limit);
    }

    @Test
    void mqtt5PublishOverTheTopicBoundsGetsTopicNameInvalid() {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "topic-sub");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith().topicFilter("l/#").qos(MqttQos.EXACTLY_ONCE).send();
            Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "topic-pub");
            pub.connect();
            long levelHits = hits(Limit.TOPIC_LEVELS);

            assertThatThrownBy(() -> pub.publishWith()
                            .topic(TOO_DEEP)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID));
            assertThatThrownBy(() -> pub.publishWith()
                            .topic(TOO_LONG)
                            .qos(MqttQos.EXACTLY_ONCE)
                            .send())
                    .isInstanceOfSatisfying(Mqtt5PubRecException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5PubRecReasonCode.TOPIC_NAME_INVALID));
            pub.publishWith().topic("l/a/b/c").qos(MqttQos.AT_LEAST_ONCE).send(); // 4 levels: fine

            assertThat(ThirdPartyClients.next(received).getTopic().toString()).isEqualTo("l/a/b/c");
            ThirdPartyClients.expectNoMessage(received);
            assertThat(pub.getState().isConnected()).isTrue();
            assertThat(hits(Limit.TOPIC_LEVELS)).isEqualTo(levelHits + 1);
            pub.disconnect();
        }
        sub.disconnect();
    }

    @Test
    void mqtt5Qos0PublishOverTheLevelsGetsDisconnectTopicNameInvalid() {
        try (RawMqttClient raw = broker.rawClient()) {
            raw.connect(MqttVersion.MQTT_5, "topic-raw5", true, 60);
            raw.send(new Publish(TOO_DEEP, 0, false, false, 0, Properties.EMPTY, Payload.utf8("x")));
            assertThat(raw.receive(Disconnect.class, ThirdPartyClients.TIMEOUT).reasonCode())
                    .isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
            assertThat(raw.awaitClosed(ThirdPartyClients.TIMEOUT)).isTrue();
        }
        Mqtt5BlockingClient other = ThirdPartyClients.hivemq5(broker, "topic-other");
        other.connect();
        other.publishWith().topic("l/fine").qos(MqttQos.AT_LEAST_ONCE).send();
        other.disconnect();
    }

    @Test
    void mqtt311PublishOverTheLevelsClosesTheConnection() throws Exception {
        MqttClient paho = ThirdPartyClients.pahoV3(broker, "topic-paho");
        paho.connect();
        paho.publish("l/ok", "x".getBytes(), 1, false);
        try {
            paho.publish(TOO_DEEP, "x".getBytes(), 1, false);
        } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
            // the broker closes the connection instead of acknowledging
        }
        org.awaitility.Awaitility.await().atMost(ThirdPartyClients.TIMEOUT).until(() -> !paho.isConnected());
        paho.close();
    }

    @Test
    void filtersOverTheTopicBoundsGetTopicFilterInvalid() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "filter-5");
        client.connect();
        assertThatThrownBy(() -> client.subscribeWith()
                        .addSubscription(Mqtt5Subscription.builder()
                                .topicFilter("l/+/+/+/#")
                                .build())
                        .addSubscription(Mqtt5Subscription.builder()
                                .topicFilter("$share/g/" + TOO_LONG)
                                .build())
                        .addSubscription(
                                Mqtt5Subscription.builder().topicFilter("l/+/x").build())
                        .send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReasonCodes())
                        .containsExactly(
                                Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID,
                                Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID,
                                Mqtt5SubAckReasonCode.GRANTED_QOS_2));
        client.disconnect();

        Mqtt3BlockingClient client3 = ThirdPartyClients.hivemq3(broker, "filter-311");
        client3.connect();
        assertThatThrownBy(() -> client3.subscribeWith().topicFilter(TOO_DEEP).send())
                .isInstanceOfSatisfying(Mqtt3SubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReturnCodes())
                        .containsExactly(Mqtt3SubAckReturnCode.FAILURE));
        client3.disconnect();
    }

    @Test
    void subscriptionsOverTheLimitGetQuotaExceededAndResubscribingDoesNotCount() {
        long before = hits(Limit.SUBSCRIPTIONS);
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "subs-5");
        client.connect();
        client.subscribeWith().topicFilter("s/1").send();
        client.subscribeWith().topicFilter("s/2").send();
        client.subscribeWith().topicFilter("s/1").qos(MqttQos.AT_LEAST_ONCE).send(); // replaces, does not count
        assertThatThrownBy(() -> client.subscribeWith()
                        .addSubscription(
                                Mqtt5Subscription.builder().topicFilter("s/3").build())
                        .addSubscription(
                                Mqtt5Subscription.builder().topicFilter("s/4").build())
                        .send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2, Mqtt5SubAckReasonCode.QUOTA_EXCEEDED));
        client.unsubscribeWith().topicFilter("s/2").send();
        client.subscribeWith().topicFilter("s/4").send(); // room again after an unsubscribe
        assertThat(hits(Limit.SUBSCRIPTIONS)).isEqualTo(before + 1);

        // Another client has its own quota.
        Mqtt5BlockingClient other = ThirdPartyClients.hivemq5(broker, "subs-other");
        other.connect();
        other.subscribeWith().topicFilter("s/1").send();
        other.subscribeWith().topicFilter("s/2").send();
        other.subscribeWith().topicFilter("s/3").send();
        other.disconnect();
        client.disconnect();
    }

    @Test
    void mqtt311SubscriptionsOverTheLimitGetFailure() {
        Mqtt3BlockingClient client = ThirdPartyClients.hivemq3(broker, "subs-311");
        client.connect();
        client.subscribeWith().topicFilter("s3/1").send();
        client.subscribeWith().topicFilter("s3/2").send();
        client.subscribeWith().topicFilter("s3/3").send();
        assertThatThrownBy(() -> client.subscribeWith().topicFilter("s3/4").send())
                .isInstanceOfSatisfying(Mqtt3SubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReturnCodes())
                        .containsExactly(Mqtt3SubAckReturnCode.FAILURE));
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }

    @Test
    void willTopicOverTheLevelsIsRefusedWithConnAckTopicNameInvalid() {
        try (RawMqttClient raw = broker.rawClient()) {
            var connAck = raw.connect(new io.cicada.mqtt.packet.Connect(
                    MqttVersion.MQTT_5,
                    "will-deep",
                    true,
                    60,
                    null,
                    null,
                    new io.cicada.mqtt.packet.Will(TOO_DEEP, Payload.utf8("gone"), 0, false, Properties.EMPTY),
                    Properties.EMPTY));
            assertThat(connAck.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
            assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }
}
