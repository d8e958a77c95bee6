package io.cicada.tests.retain;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.testkit.CicadaBroker;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages with MQTT 3.1.1 clients: set, replace, clear, and the RETAIN flag on subscribe vs live. */
class RetainedMessagesTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private Mqtt5BlockingClient publisher;

    @BeforeEach
    void connectPublisher() {
        publisher = ThirdPartyClients.hivemq5(broker, "retain-pub");
        publisher.connect();
    }

    @AfterEach
    void disconnectPublisher() {
        publisher.disconnect();
    }

    @Test
    void retainedMessageIsDeliveredOnSubscribeWithRetainFlag() {
        retain("retain/set", "20.5");
        try (Subscriber sub = new Subscriber("retain-set")) {
            sub.subscribe("retain/set");
            Mqtt3Publish message = sub.next();
            // [MQTT-3.3.1-6] a new subscription gets the retained message; [MQTT-3.3.1-8] with RETAIN 1
            assertThat(ThirdPartyClients.utf8(message)).isEqualTo("20.5");
            assertThat(message.isRetain()).isTrue();
        }
    }

    @Test
    void newerRetainedMessageReplacesTheOlder() {
        retain("retain/replace", "old");
        retain("retain/replace", "new");
        try (Subscriber sub = new Subscriber("retain-replace")) {
            sub.subscribe("retain/replace");
            // [MQTT-3.3.1-5] the server replaces any existing retained message for the topic
            assertThat(ThirdPartyClients.utf8(sub.next())).isEqualTo("new");
            sub.expectNothing();
        }
    }

    @Test
    void emptyRetainedPayloadClearsTheTopic() {
        retain("retain/clear", "something");
        publisher
                .publishWith()
                .topic("retain/clear")
                .retain(true)
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (Subscriber sub = new Subscriber("retain-clear")) {
            sub.subscribe("retain/clear");
            // [MQTT-3.3.1-10] / [MQTT-3.3.1-11] (3.1.1): zero-byte retained payload removes it and is not stored
            sub.expectNothing();
        }
    }

    @Test
    void liveDeliveryToAnExistingSubscriptionHasRetainFlag0() {
        try (Subscriber sub = new Subscriber("retain-live")) {
            sub.subscribe("retain/live");
            retain("retain/live", "live");
            Mqtt3Publish message = sub.next();
            assertThat(ThirdPartyClients.utf8(message)).isEqualTo("live");
            // [MQTT-3.3.1-9] (3.1.1) RETAIN 0 when sent because it matches an established subscription
            assertThat(message.isRetain()).isFalse();
        }
    }

    @Test
    void wildcardSubscriptionGetsEveryMatchingRetainedMessage() {
        retain("retain/wild/a", "A");
        retain("retain/wild/b", "B");
        retain("retain/other", "X");
        try (Subscriber sub = new Subscriber("retain-wild")) {
            sub.subscribe("retain/wild/#");
            String first = ThirdPartyClients.utf8(sub.next());
            String second = ThirdPartyClients.utf8(sub.next());
            assertThat(List.of(first, second)).containsExactlyInAnyOrder("A", "B");
            sub.expectNothing();
        }
    }

    @Test
    void retainedMessageIsDeliveredAtTheLowerQos() {
        publisher
                .publishWith()
                .topic("retain/qos")
                .retain(true)
                .qos(MqttQos.EXACTLY_ONCE)
                .payload("q".getBytes(StandardCharsets.UTF_8))
                .send();
        try (Subscriber sub = new Subscriber("retain-qos")) {
            sub.client
                    .subscribeWith()
                    .topicFilter("retain/qos")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            // [MQTT-3.8.4-6] (3.1.1) min(published QoS, granted QoS) applies to retained messages too
            assertThat(sub.next().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        }
    }

    private void retain(String topic, String payload) {
        publisher
                .publishWith()
                .topic(topic)
                .retain(true)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /** An MQTT 3.1.1 HiveMQ subscriber with its message stream. */
    private static final class Subscriber implements AutoCloseable {
        final Mqtt3BlockingClient client;
        final Mqtt3BlockingClient.Mqtt3Publishes publishes;

        Subscriber(String clientId) {
            client = ThirdPartyClients.hivemq3(broker, clientId);
            client.connect();
            publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        }

        void subscribe(String filter) {
            client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
        }

        Mqtt3Publish next() {
            return ThirdPartyClients.next(publishes);
        }

        void expectNothing() {
            try {
                publishes
                        .receive(ThirdPartyClients.QUIET.toMillis(), TimeUnit.MILLISECONDS)
                        .ifPresent(p -> {
                            throw new AssertionError("expected no message, got " + ThirdPartyClients.utf8(p));
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            publishes.close();
            client.disconnect();
        }
    }
}
