package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT over WebSocket with real clients: MQTT.js in Node (MQTT 3.1.1 and 5.0) and the HiveMQ client. */
class WebSocketNodeClientTest {

    private static Broker broker;

    @BeforeAll
    static void start() {
        ServerConfig config = ServerConfig.defaults();
        config = config.withTransport(config.transport()
                .withListeners(List.of(
                        ListenerSettings.tcp("tcp", "127.0.0.1", 0), ListenerSettings.ws("ws", "127.0.0.1", 0))));
        broker = Broker.builder().config(config).build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Mqtt5BlockingClient tcpClient(String id) {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port("tcp"))
                .buildBlocking();
        client.connect();
        return client;
    }

    @ParameterizedTest(name = "MQTT.js with protocol version {0}")
    @ValueSource(ints = {4, 5})
    void mqttJsOverWebSocketReceivesFromAndPublishesToTcpClients(int version) throws Exception {
        String in = "web/node/" + version + "/in";
        String out = "web/node/" + version + "/out";
        Mqtt5BlockingClient java = tcpClient("java-for-mqttjs-" + version);
        try (Mqtt5BlockingClient.Mqtt5Publishes replies = java.publishes(MqttGlobalPublishFilter.ALL);
                NodeProcess node = new NodeProcess(
                        NodeModules.installed(),
                        "ws-client.js",
                        "ws://127.0.0.1:" + broker.port("ws") + "/mqtt",
                        Integer.toString(version),
                        in,
                        out)) {
            java.subscribeWith().topicFilter(out).qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(node.await("SUBSCRIBED")).isEqualTo("SUBSCRIBED 1");

            java.publishWith()
                    .topic(in)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("from java".getBytes(StandardCharsets.UTF_8))
                    .send();

            assertThat(node.await("MESSAGE")).isEqualTo("MESSAGE " + in + " from java");
            assertThat(node.await("PUBLISHED")).isEqualTo("PUBLISHED");
            Optional<Mqtt5Publish> reply = replies.receive(10, TimeUnit.SECONDS);
            assertThat(reply).isPresent();
            assertThat(new String(reply.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("reply from MQTT.js " + version);
            assertThat(node.exitCode()).isZero();
        } finally {
            java.disconnect();
        }
    }

    @Test
    void hivemqClientOverWebSocketExchangesALargeMessage() throws InterruptedException {
        Mqtt5BlockingClient ws = Mqtt5Client.builder()
                .identifier("hivemq-ws")
                .serverHost("127.0.0.1")
                .serverPort(broker.port("ws"))
                .webSocketConfig()
                .serverPath("mqtt")
                .subprotocol("mqtt")
                .applyWebSocketConfig()
                .buildBlocking();
        ws.connect();
        // 200 KB: more than one WebSocket frame's worth for many clients, and many TCP segments.
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = ws.publishes(MqttGlobalPublishFilter.ALL)) {
            ws.subscribeWith()
                    .topicFilter("web/hivemq")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .send();
            Mqtt5BlockingClient tcp = tcpClient("hivemq-tcp");
            tcp.publishWith()
                    .topic("web/hivemq")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload(payload)
                    .send();
            tcp.disconnect();

            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getPayloadAsBytes()).isEqualTo(payload);
        } finally {
            ws.disconnect();
        }
    }
}
