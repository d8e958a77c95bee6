package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.cicada.admin.AdminSettings;
import io.cicada.broker.BrokerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus text at /metrics, parsed, with the counters checked to move as clients act. */
class MetricsTest {

    private static Broker broker;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.defaults()
                .withBroker(BrokerSettings.builder().allowAnonymous(false).build())
                .withAdmin(AdminSettings.defaults().withEnabled(true).withAddress("127.0.0.1", 0));
        broker = Broker.builder().config(config).port(0).build().start();
        admin = new AdminHttp(broker.adminPort(), null);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Every sample of the exposition: {@code name{labels}} → value. */
    private static Map<String, Double> scrape() {
        AdminHttp.Answer answer = admin.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static double value(Map<String, Double> samples, String key) {
        Double value = samples.get(key);
        assertThat(value).as("sample %s in %s", key, samples.keySet()).isNotNull();
        return value;
    }

    private static Mqtt5BlockingClient client(String id) {
        return Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .simpleAuth()
                .username("metrics")
                .applySimpleAuth()
                .buildBlocking();
    }

    @Test
    void countersMoveWithConnectionsMessagesRefusalsAndDrops() throws InterruptedException {
        Map<String, Double> before = scrape();

        Mqtt5BlockingClient subscriber = client("metrics-sub");
        subscriber.connect();
        Mqtt5BlockingClient publisher = client("metrics-pub");
        publisher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("metrics/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            for (int i = 0; i < 5; i++) {
                publisher
                        .publishWith()
                        .topic("metrics/a")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("12345".getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            for (int i = 0; i < 5; i++) {
                assertThat(publishes.receive(5, TimeUnit.SECONDS)).isPresent();
            }
        }
        publisher
                .publishWith()
                .topic("metrics/retained")
                .retain(true)
                .payload("r".getBytes(StandardCharsets.UTF_8))
                .send();
        Mqtt5BlockingClient anonymous = Mqtt5Client.builder()
                .identifier("metrics-anonymous")
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        Assertions.assertThatThrownBy(anonymous::connect).isInstanceOf(Mqtt5ConnAckException.class);

        Map<String, Double> during = scrape();
        assertThat(value(during, "cicada_connections_current")).isEqualTo(2);
        assertThat(value(during, "cicada_connections_total") - value(before, "cicada_connections_total"))
                .isEqualTo(2);
        assertThat(value(during, "cicada_messages_received_total{qos=\"1\"}")
                        - value(before, "cicada_messages_received_total{qos=\"1\"}"))
                .isEqualTo(5);
        assertThat(value(during, "cicada_messages_sent_total{qos=\"1\"}")
                        - value(before, "cicada_messages_sent_total{qos=\"1\"}"))
                .isEqualTo(5);
        assertThat(value(during, "cicada_bytes_received_total") - value(before, "cicada_bytes_received_total"))
                .isEqualTo(26);
        assertThat(value(during, "cicada_publish_deliver_latency_seconds_count"))
                .isGreaterThanOrEqualTo(5);
        assertThat(value(during, "cicada_connections_refused_total{reason=\"not_authorized\"}"))
                .isEqualTo(1);
        assertThat(value(during, "cicada_authentication_failures_total")).isEqualTo(1);
        assertThat(value(during, "cicada_slow_consumers_total")).isZero(); // exposed before any slow consumer
        assertThat(value(during, "cicada_sessions{state=\"online\"}")).isEqualTo(2);
        assertThat(value(during, "cicada_subscriptions")).isEqualTo(1);
        assertThat(value(during, "cicada_retained_messages") - value(before, "cicada_retained_messages"))
                .isEqualTo(1);
        assertThat(value(during, "cicada_listener_connections{listener=\"tcp\"}"))
                .isEqualTo(2);
        assertThat(value(during, "cicada_inflight_messages")).isZero();
        assertThat(during.keySet()).anyMatch(key -> key.startsWith("jvm_memory_used_bytes{"));
        assertThat(during.keySet()).anyMatch(key -> key.startsWith("netty_allocator_memory_used{"));

        // A persistent subscriber goes offline: its QoS 1 message waits in the queue, a QoS 0 one is dropped.
        subscriber.disconnect();
        Mqtt5BlockingClient offline = client("metrics-offline");
        offline.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
        offline.subscribeWith()
                .topicFilter("metrics/offline")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        offline.disconnect();
        publisher
                .publishWith()
                .topic("metrics/offline")
                .qos(MqttQos.AT_MOST_ONCE)
                .send();
        publisher
                .publishWith()
                .topic("metrics/offline")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Double> after = scrape();
            assertThat(value(after, "cicada_messages_dropped_total{reason=\"qos0_offline\"}"))
                    .isEqualTo(1);
            assertThat(value(after, "cicada_queued_messages")).isEqualTo(1);
            assertThat(value(after, "cicada_sessions{state=\"offline\"}")).isEqualTo(1);
            assertThat(value(after, "cicada_connections_current")).isEqualTo(1);
        });
        publisher.disconnect();
    }
}
