package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.broker.BrokerSettings;
import io.cicada.server.Broker;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code $SYS} over the wire: Mosquitto's load topics and the optional client connect/disconnect events. */
class SysClientEventsTest {

    private static Broker broker;

    @BeforeAll
    static void start() {
        broker = Broker.builder()
                .settings(BrokerSettings.builder()
                        .sysClientEvents(true)
                        .sysIntervalSeconds(1)
                        .build())
                .port(0)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Mqtt5BlockingClient client(String id) {
        return Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    private static String text(Optional<Mqtt5Publish> publish) {
        assertThat(publish).isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void connectAndDisconnectArePublishedWithTheirDetails() throws InterruptedException {
        Mqtt5BlockingClient watcher = client("sys-watcher");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes events = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith()
                    .topicFilter("$SYS/broker/clients/sys-watched/#")
                    .send();

            Mqtt5BlockingClient watched = client("sys-watched");
            watched.connect();
            String connected = text(events.receive(5, TimeUnit.SECONDS));
            watched.disconnect();
            String disconnected = text(events.receive(5, TimeUnit.SECONDS));

            assertThat(connected)
                    .startsWith("{\"clientId\":\"sys-watched\",\"address\":\"127.0.0.1:")
                    .contains("\"listener\":\"tcp\",\"protocolVersion\":\"5.0\",\"username\":null");
            assertThat(disconnected).startsWith("{\"clientId\":\"sys-watched\",\"reason\":\"");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void loadAveragesArePublishedInMosquittosLayout() throws InterruptedException {
        Mqtt5BlockingClient watcher = client("sys-load");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith()
                    .topicFilter("$SYS/broker/load/messages/received/1min")
                    .send();
            watcher.subscribeWith().topicFilter("$SYS/broker/bytes/sent").send();
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < 10 && seen.size() < 2; i++) {
                Optional<Mqtt5Publish> publish = publishes.receive(5, TimeUnit.SECONDS);
                seen.put(publish.orElseThrow().getTopic().toString(), text(publish));
            }
            assertThat(seen.get("$SYS/broker/load/messages/received/1min")).matches("\\d+\\.\\d\\d");
            assertThat(seen.get("$SYS/broker/bytes/sent")).matches("\\d+");
        } finally {
            watcher.disconnect();
        }
    }
}
