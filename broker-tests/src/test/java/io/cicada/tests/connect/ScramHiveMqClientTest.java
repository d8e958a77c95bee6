package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.broker.Mqtt5Settings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 enhanced authentication driven by an outside client, HiveMQ MQTT Client 1.4.2's
 * {@code Mqtt5EnhancedAuthMechanism}, with the SCRAM messages and the credentials file computed in the test from the
 * JDK ({@link ScramMechanism}): connect, mutual proof, re-authentication on the live connection, a wrong password on
 * connect and on re-authentication, and an unsupported method (5.0 §4.12).
 */
class ScramHiveMqClientTest {
    @TempDir
    Path dir;

    Broker broker;

    @BeforeEach
    void start() throws IOException {
        Path file = dir.resolve("scram-credentials");
        Files.write(
                file,
                List.of(
                        ScramMechanism.credentialLine("SCRAM-SHA-256", "carol", "s3cret", 4096),
                        ScramMechanism.credentialLine("SCRAM-SHA-512", "carol", "s3cret", 4096)),
                StandardCharsets.UTF_8);
        broker = Broker.builder()
                .config(ServerConfig.defaults()
                        .withMqtt5(Mqtt5Settings.builder()
                                .scramCredentialsFile(file.toString())
                                .build()))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Mqtt5BlockingClient client(String id, ScramMechanism mechanism) {
        return Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .enhancedAuth(mechanism)
                .buildBlocking();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void hivemqClientAuthenticatesReAuthenticatesAndKeepsWorking(String method) throws Exception {
        ScramMechanism scram = new ScramMechanism(method, "carol", "s3cret");
        Mqtt5BlockingClient client = client("scram-hivemq-" + method, scram);
        Mqtt5ConnAck ack = client.connect();
        // [MQTT-4.12.0-2] the server asked for more with AUTH 0x18, [MQTT-4.12.0-5] naming the CONNECT's method
        assertThat(scram.events).first().isEqualTo("continue 24 " + method);
        assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        // [MQTT-4.12.0-5] the successful CONNACK repeats the method; its server-final proves the server's key
        assertThat(ack.getEnhancedAuth().orElseThrow().getMethod().toString()).isEqualTo(method);
        assertThat(scram.events).contains("success verified=true");
        // [MQTT-7.0.0-2] a stock client needs no extension of the specification to use it

        client.toAsync().reauth().get(10, TimeUnit.SECONDS);
        // [MQTT-3.15.2-1] AUTH codes of the table: 0x18 while exchanging, 0x00 when re-authentication succeeded
        assertThat(scram.events).contains("reauth success verified=true");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("scram/after")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.publishWith()
                    .topic("scram/after")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("still here".getBytes(StandardCharsets.UTF_8))
                    .send();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("still here");
        }

        scram.password("wrong");
        assertThatThrownBy(() -> client.toAsync().reauth().get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        // [MQTT-4.12.1-2] a failed re-authentication ends the connection with a DISCONNECT giving the reason
        assertThat(scram.events).anyMatch(e -> e.equals("reauth rejected 135") || e.equals("reauth rejected 134"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordIsRefused(String method) {
        ScramMechanism scram = new ScramMechanism(method, "carol", "guess");
        Mqtt5BlockingClient client = client("scram-hivemq-wrong", scram);
        // [MQTT-4.12.0-4] rejected during the exchange with 0x87 Not authorized (or 0x86), then closed
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCode())
                .isIn(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
        assertThat(scram.events).anyMatch(e -> e.equals("rejected 135") || e.equals("rejected 134"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "PLAIN"})
    void unsupportedMethodIsBadAuthenticationMethod(String method) {
        ScramMechanism other = new ScramMechanism(method, "carol", "s3cret");
        Mqtt5BlockingClient client = client("scram-hivemq-method", other);
        // [MQTT-4.12.0-1] an unsupported Authentication Method: CONNACK 0x8C, then closed
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD));
        assertThat(other.events).containsExactly("rejected 140");
    }
}
