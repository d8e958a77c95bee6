package io.cicada.tests.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.testkit.CicadaBroker;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code max_publish_rate} with {@code rate_limit_policy: pause}: a publisher over its rate is slowed down by TCP flow
 * control (the broker stops reading its socket), loses nothing, and other publishers are served meanwhile.
 */
class PublishRatePauseTest {
    static final int RATE = 20;
    static final int BURST = 5;

    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create()
            .withSettings(s -> s.limits(ClientLimits.builder()
                    .maxPublishRate(RATE)
                    .publishRateBurst(BURST)
                    .build()));

    @Test
    void fastMqtt5PublisherIsSlowedToItsRateWhileOthersAreServed() throws Exception {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "pause-sub");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("pause5/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Mqtt5BlockingClient fast = ThirdPartyClients.hivemq5(broker, "pause-fast");
            fast.connect();
            Mqtt5BlockingClient other = ThirdPartyClients.hivemq5(broker, "pause-other");
            other.connect();
            long hitsBefore = broker.broker().core().stats().limitHits(Limit.PUBLISH_RATE);

            int count = 45;
            long start = System.nanoTime();
            List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(fast.toAsync()
                        .publishWith()
                        .topic("pause5/fast")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8))
                        .send());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            // The fast publisher owes tokens now and is not read; another client is served at once.
            long otherStart = System.nanoTime();
            other.publishWith().topic("pause5/other").qos(MqttQos.AT_LEAST_ONCE).send();
            long otherMillis = (System.nanoTime() - otherStart) / 1_000_000;
            fast.publishWith()
                    .topic("pause5/fast")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("last".getBytes(StandardCharsets.UTF_8))
                    .send();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            // 46 messages, 5 at once and then 20 a second: about 2 s
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(1_500);
            assertThat(otherMillis).isLessThan(1_000);
            List<String> fastPayloads = new ArrayList<>();
            boolean otherBeforeLast = false;
            while (fastPayloads.size() < count + 1) {
                Mqtt5Publish message = ThirdPartyClients.next(received);
                if (message.getTopic().toString().equals("pause5/other")) {
                    otherBeforeLast = !fastPayloads.contains("last");
                    continue;
                }
                fastPayloads.add(ThirdPartyClients.utf8(message));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(Integer.toString(i));
            }
            expected.add("last");
            assertThat(fastPayloads).containsExactlyElementsOf(expected); // nothing lost, in order
            assertThat(otherBeforeLast).isTrue();
            assertThat(broker.broker().core().stats().limitHits(Limit.PUBLISH_RATE))
                    .isGreaterThan(hitsBefore);
            assertThat(fast.getState().isConnected()).isTrue();
            fast.disconnect();
            other.disconnect();
        }
        sub.disconnect();
    }

    @Test
    void mqtt311PublisherIsSlowedAndLosesNothing() throws Exception {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "pause-sub-311");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("pause311/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            MqttClient paho = ThirdPartyClients.pahoV3(broker, "pause-paho");
            paho.connect();
            int count = 30;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                paho.publish("pause311/t", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            // 30 messages, 5 at once and then 20 a second: at least about 1.2 s
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(900);
            for (int i = 0; i < count; i++) {
                assertThat(ThirdPartyClients.utf8(ThirdPartyClients.next(received)))
                        .isEqualTo(Integer.toString(i));
            }
            assertThat(paho.isConnected()).isTrue();
            paho.disconnect();
        }
        sub.disconnect();
    }
}
