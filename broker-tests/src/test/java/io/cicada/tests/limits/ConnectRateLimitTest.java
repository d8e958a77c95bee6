package io.cicada.tests.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportSettings;
import io.cicada.broker.transport.limit.ConnectRate;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.SecuritySettings;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code max_connect_rate} per listener and {@code max_connections} in a listener entry: connections over the limit are
 * closed at once, before CONNECT; the other listener, and the clients already connected, keep being served.
 */
class ConnectRateLimitTest {

    private static Broker start(ConnectionLimits limits) {
        TransportSettings transport = TransportSettings.defaults()
                .withListeners(List.of(
                        ListenerSettings.tcp("limited", "127.0.0.1", 0), ListenerSettings.tcp("open", "127.0.0.1", 0)));
        ServerConfig config = ServerConfig.defaults()
                .withTransport(transport)
                .withBroker(BrokerSettings.builder().sysIntervalSeconds(0).build())
                .withSecurity(SecuritySettings.defaults().withConnectionLimits(limits));
        return Broker.builder().config(config).build().start();
    }

    private static Mqtt5BlockingClient client(Broker broker, String listener, String id) {
        return Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port(listener))
                .transportConfig()
                .socketConnectTimeout(5, TimeUnit.SECONDS)
                .mqttConnectTimeout(5, TimeUnit.SECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    @Test
    void connectionsOverTheRateAreClosedBeforeConnectAndTheOtherListenerServes() throws Exception {
        try (Broker broker = start(ConnectionLimits.none().withListenerConnectRate("limited", new ConnectRate(1, 2)))) {
            int port = broker.port("limited");
            List<RawMqttClient> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    sockets.add(RawMqttClient.connect("127.0.0.1", port));
                }
                // Two at once (the burst), then one a second: of six opened together, at most three get through.
                // The event loops take them in any order, so which ones is not known beforehand.
                List<RawMqttClient> open = new ArrayList<>();
                for (RawMqttClient socket : sockets) {
                    if (!socket.awaitClosed(Duration.ofMillis(1_500))) {
                        open.add(socket);
                    }
                }
                assertThat(open).hasSizeBetween(2, 3);
                ConnAck first = open.get(0).connect(MqttVersion.MQTT_3_1_1, "rate-first", true, 60);
                assertThat(first.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            } finally {
                sockets.forEach(RawMqttClient::close);
            }
            assertThat(broker.core().stats().limitHits(Limit.CONNECT_RATE)).isGreaterThanOrEqualTo(3);

            // The other listener has no connect rate: clients connect and talk at once.
            Mqtt5BlockingClient sub = client(broker, "open", "rate-sub");
            sub.connect();
            Mqtt5BlockingClient pub = client(broker, "open", "rate-pub");
            pub.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
                sub.subscribeWith().topicFilter("rate/#").send();
                pub.publishWith().topic("rate/x").qos(MqttQos.AT_LEAST_ONCE).send();
                assertThat(ThirdPartyClients.next(received).getTopic().toString())
                        .isEqualTo("rate/x");
            }

            // Tokens come back: the limited listener accepts again.
            Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                Mqtt5BlockingClient again = client(broker, "limited", "rate-again");
                again.connect();
                again.disconnect();
                return true;
            });
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void listenerMaxConnectionsCapsOnlyThatListener() {
        try (Broker broker = start(new ConnectionLimits(0, java.util.Map.of("limited", 1)))) {
            Mqtt5BlockingClient only = client(broker, "limited", "cap-only");
            only.connect();
            try (RawMqttClient second = RawMqttClient.connect("127.0.0.1", broker.port("limited"))) {
                assertThat(second.awaitClosed(Duration.ofSeconds(5))).isTrue();
            }
            Mqtt5BlockingClient elsewhere = client(broker, "open", "cap-elsewhere");
            elsewhere.connect();
            elsewhere.publishWith().topic("cap/x").qos(MqttQos.AT_LEAST_ONCE).send();
            only.publishWith().topic("cap/y").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(broker.core().stats().limitHits(Limit.CONNECTIONS)).isEqualTo(1);
            elsewhere.disconnect();
            only.disconnect();
        }
    }
}
