package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.cicada.admin.AdminSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-listener message and byte counters at /metrics move for the listener the traffic crossed, and only it. */
class ListenerMetricsTest {

    private static Broker broker;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.defaults()
                .withAdmin(AdminSettings.defaults().withEnabled(true).withAddress("127.0.0.1", 0));
        config = config.withTransport(config.transport()
                .withListeners(List.of(
                        ListenerSettings.tcp("tcp", "127.0.0.1", 0), ListenerSettings.ws("ws", "127.0.0.1", 0))));
        broker = Broker.builder().config(config).build().start();
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
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** The four traffic figures of one listener: messages received, bytes received, messages sent, bytes sent. */
    private static List<Double> traffic(Map<String, Double> samples, String listener) {
        String label = "{listener=\"" + listener + "\"}";
        return List.of(
                samples.get("cicada_listener_messages_received_total" + label),
                samples.get("cicada_listener_bytes_received_total" + label),
                samples.get("cicada_listener_messages_sent_total" + label),
                samples.get("cicada_listener_bytes_sent_total" + label));
    }

    @Test
    void messagesAndBytesAreCountedForTheListenerTheyCrossed() throws InterruptedException {
        Map<String, Double> before = scrape();
        assertThat(traffic(before, "tcp")).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(traffic(before, "ws")).containsExactly(0.0, 0.0, 0.0, 0.0);

        Mqtt5BlockingClient webSubscriber = Mqtt5Client.builder()
                .identifier("listener-metrics-ws")
                .serverHost("127.0.0.1")
                .serverPort(broker.port("ws"))
                .webSocketConfig()
                .serverPath("mqtt")
                .applyWebSocketConfig()
                .buildBlocking();
        webSubscriber.connect();
        Mqtt5BlockingClient tcpPublisher = Mqtt5Client.builder()
                .identifier("listener-metrics-tcp")
                .serverHost("127.0.0.1")
                .serverPort(broker.port("tcp"))
                .buildBlocking();
        tcpPublisher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = webSubscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            webSubscriber
                    .subscribeWith()
                    .topicFilter("listeners/to-web")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            for (int i = 0; i < 3; i++) {
                tcpPublisher
                        .publishWith()
                        .topic("listeners/to-web")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("12345".getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(publishes.receive(5, TimeUnit.SECONDS)).isPresent();
            }
        }
        // acknowledged, so read and counted; nobody subscribes to it
        webSubscriber
                .publishWith()
                .topic("listeners/nowhere")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("ab".getBytes(StandardCharsets.UTF_8))
                .send();

        Map<String, Double> after = scrape();
        assertThat(traffic(after, "tcp")).containsExactly(3.0, 15.0, 0.0, 0.0);
        assertThat(traffic(after, "ws")).containsExactly(1.0, 2.0, 3.0, 15.0);
        webSubscriber.disconnect();
        tcpPublisher.disconnect();
    }
}
