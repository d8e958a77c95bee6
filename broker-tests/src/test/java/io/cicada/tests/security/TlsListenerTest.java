package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.broker.transport.tls.TlsSettings.TlsProvider;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.server.Broker;
import io.cicada.testkit.MosquittoClients;
import io.cicada.testkit.RawMqttClient;
import io.cicada.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS listeners with PEM files and key stores, TLS 1.2 and 1.3, on the JDK and BoringSSL, with real clients. */
class TlsListenerTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki.Issued server;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(dir, "Test CA");
        server = pki.issueServer("server");
    }

    @ParameterizedTest
    @EnumSource(
            value = TlsProvider.class,
            names = {"JDK", "OPENSSL"})
    void hivemqClientPublishesAndReceivesOverTls12And13(TlsProvider provider) throws Exception {
        TlsSettings tls = TlsSettings.pem(server.certFile(), server.keyFile()).withProvider(provider);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                Mqtt5BlockingClient client =
                        SecureBrokers.tlsClient(broker, "tls-" + protocol, pki, null, List.of(protocol));
                client.connect();
                client.subscribeWith()
                        .topicFilter("tls/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                        client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                    client.publishWith()
                            .topic("tls/" + protocol)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(protocol.getBytes(StandardCharsets.UTF_8))
                            .send();
                    Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
                    assertThat(received).isPresent();
                    assertThat(received.get().getPayloadAsBytes()).asString().isEqualTo(protocol);
                }
                client.disconnect();
            }
        }
    }

    @Test
    void keyStoreWorksAsWellAsPemFiles() {
        TlsSettings tls = TlsSettings.keyStore(server.keyStore(), TestPki.KEY_STORE_PASSWORD);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            Mqtt5BlockingClient client = SecureBrokers.tlsClient(broker, "ks", pki, null, List.of("TLSv1.3"));
            client.connect();
            client.disconnect();
        }
    }

    @Test
    void mosquittoPubConnectsWithTheCaFile() {
        TlsSettings tls = TlsSettings.pem(server.certFile(), server.keyFile());
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            MosquittoClients mosquitto = MosquittoClients.forBroker("127.0.0.1", broker.port());
            mosquitto
                    .publish("--cafile", pki.caFile().toString(), "-t", "a", "-m", "over tls", "-q", "1")
                    .assertSuccess();
            assertThat(mosquitto
                            .publish(
                                    "--cafile",
                                    pki.caFile().toString(),
                                    "--tls-version",
                                    "tlsv1.2",
                                    "-t",
                                    "a",
                                    "-m",
                                    "x")
                            .exitCode())
                    .isZero();
        }
    }

    @Test
    void clientTrustingAnotherCaIsRefusedAndTheBrokerKeepsServing() {
        TestPki other = TestPki.create(dir, "Other CA");
        TlsSettings tls = TlsSettings.pem(server.certFile(), server.keyFile());
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            Mqtt5BlockingClient wrong = SecureBrokers.tlsClient(broker, "wrong", other, null, List.of("TLSv1.3"));
            assertThatThrownBy(wrong::connect).isInstanceOf(RuntimeException.class);

            MosquittoClients mosquitto = MosquittoClients.forBroker("127.0.0.1", broker.port());
            assertThat(mosquitto.publish("-t", "a", "-m", "plain text").exitCode())
                    .isNotZero();

            Mqtt5BlockingClient good = SecureBrokers.tlsClient(broker, "good", pki, null, List.of("TLSv1.3"));
            good.connect();
            good.disconnect();
        }
    }

    @Test
    void onlyTheConfiguredProtocolVersionIsAccepted() {
        TlsSettings tls = TlsSettings.pem(server.certFile(), server.keyFile()).withProtocols(List.of("TLSv1.3"));
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            Mqtt5BlockingClient old = SecureBrokers.tlsClient(broker, "old", pki, null, List.of("TLSv1.2"));
            assertThatThrownBy(old::connect).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void plainTextConnectToATlsPortIsClosedWithoutConnAck() {
        TlsSettings tls = TlsSettings.pem(server.certFile(), server.keyFile());
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls));
                RawMqttClient raw = RawMqttClient.connect("127.0.0.1", broker.port())) {
            raw.send(new Connect(MqttVersion.MQTT_5, "plain", true, 30, null, null, null, Properties.EMPTY));
            assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }
}
