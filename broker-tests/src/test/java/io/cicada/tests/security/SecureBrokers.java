package io.cicada.tests.security;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.cicada.broker.BrokerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.SecuritySettings;
import io.cicada.testkit.TestPki;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Starts brokers with security settings on 127.0.0.1 and a free port, and builds HiveMQ clients with TLS for them. The
 * single listener is named {@code tcp}, as in the default configuration. Used from test threads only.
 */
final class SecureBrokers {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SecureBrokers() {}

    static Broker start(UnaryOperator<SecuritySettings> security) {
        return start(security, UnaryOperator.identity());
    }

    static Broker start(UnaryOperator<SecuritySettings> security, UnaryOperator<BrokerSettings.Builder> settings) {
        ServerConfig config = ServerConfig.defaults()
                .withSecurity(security.apply(SecuritySettings.defaults()))
                .withBroker(settings.apply(BrokerSettings.builder()).build());
        return Broker.builder().config(config).host("127.0.0.1").port(0).build().start();
    }

    /** An unconnected MQTT 5 client over plain TCP. */
    static Mqtt5BlockingClient client(Broker broker, String clientId) {
        return plain(broker, clientId).buildBlocking();
    }

    /** An unconnected MQTT 5 client over TLS trusting {@code pki}, with a client certificate when {@code identity}. */
    static Mqtt5BlockingClient tlsClient(
            Broker broker, String clientId, TestPki pki, TestPki.Issued identity, List<String> protocols) {
        MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder()
                .trustManagerFactory(pki.trustManagerFactory())
                .protocols(protocols);
        if (identity != null) {
            ssl = ssl.keyManagerFactory(identity.keyManagerFactory());
        }
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .transportConfig()
                .sslConfig(ssl.build())
                .socketConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    static Mqtt5ClientBuilder plain(Broker broker, String clientId) {
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .transportConfig()
                .socketConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig();
    }
}
