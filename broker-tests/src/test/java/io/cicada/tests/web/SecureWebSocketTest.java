package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.SecuritySettings;
import io.cicada.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over secure WebSocket: a {@code ws} listener with TLS, used by MQTT.js from Node and the HiveMQ client. */
class SecureWebSocketTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Broker broker;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir, "WSS test CA");
        TestPki.Issued server = pki.issueServer("localhost");
        ServerConfig config = ServerConfig.defaults();
        config = config.withTransport(config.transport()
                        .withListeners(List.of(
                                ListenerSettings.tcp("tcp", "127.0.0.1", 0),
                                ListenerSettings.ws("wss", "127.0.0.1", 0))))
                .withSecurity(SecuritySettings.defaults()
                        .withTls("wss", TlsSettings.pem(server.certFile(), server.keyFile())));
        broker = Broker.builder().config(config).build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theUriOfAWebSocketListenerWithTlsIsWss() {
        assertThat(broker.uris().get(1)).isEqualTo("wss://127.0.0.1:" + broker.port("wss") + "/mqtt");
    }

    @Test
    void mqttJsOverWssExchangesMessagesWithATcpClient() throws Exception {
        Mqtt5BlockingClient java = Mqtt5Client.builder()
                .identifier("java-for-wss")
                .serverHost("127.0.0.1")
                .serverPort(broker.port("tcp"))
                .buildBlocking();
        java.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes replies = java.publishes(MqttGlobalPublishFilter.ALL);
                NodeProcess node = new NodeProcess(
                        NodeModules.installed(),
                        Map.of("CA_FILE", pki.caFile().toString()),
                        "ws-client.js",
                        "wss://localhost:" + broker.port("wss") + "/mqtt",
                        "5",
                        "web/wss/in",
                        "web/wss/out")) {
            java.subscribeWith()
                    .topicFilter("web/wss/out")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertThat(node.await("SUBSCRIBED")).isEqualTo("SUBSCRIBED 1");

            java.publishWith()
                    .topic("web/wss/in")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("secret".getBytes(StandardCharsets.UTF_8))
                    .send();

            assertThat(node.await("MESSAGE")).isEqualTo("MESSAGE web/wss/in secret");
            Optional<Mqtt5Publish> reply = replies.receive(10, TimeUnit.SECONDS);
            assertThat(reply).isPresent();
            assertThat(new String(reply.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("reply from MQTT.js 5");
            assertThat(node.exitCode()).isZero();
        } finally {
            java.disconnect();
        }
    }

    @Test
    void hivemqClientConnectsOverWss() {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier("hivemq-wss")
                .serverHost("localhost")
                .serverPort(broker.port("wss"))
                .sslConfig(MqttClientSslConfig.builder()
                        .trustManagerFactory(pki.trustManagerFactory())
                        .build())
                .webSocketConfig()
                .serverPath("mqtt")
                .applyWebSocketConfig()
                .buildBlocking();
        assertThat(client.connect().getReasonCode().isError()).isFalse();
        client.disconnect();
    }
}
