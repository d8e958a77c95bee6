package io.cicada.tests;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.testkit.CicadaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Builds the third-party clients the black-box tests use (HiveMQ MQTT Client, Eclipse Paho) against a
 * {@link CicadaBroker}, and waits on their received messages with a bounded timeout. Used from test threads only.
 */
public final class ThirdPartyClients {
    /** How long a test waits for something that should happen. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long a test watches to prove that something does not happen. */
    public static final Duration QUIET = Duration.ofMillis(500);

    private ThirdPartyClients() {}

    /** An unconnected HiveMQ MQTT 5 blocking client with the given client id. */
    public static Mqtt5BlockingClient hivemq5(CicadaBroker broker, String clientId) {
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .transportConfig()
                .socketConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    /** An unconnected HiveMQ MQTT 3.1.1 blocking client with the given client id. */
    public static Mqtt3BlockingClient hivemq3(CicadaBroker broker, String clientId) {
        return Mqtt3Client.builder()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .transportConfig()
                .socketConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    /** An unconnected Paho MQTT 3 client (memory persistence). */
    public static MqttClient pahoV3(CicadaBroker broker, String clientId) {
        try {
            MqttClient client = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
            client.setTimeToWait(TIMEOUT.toMillis()); // every blocking call is bounded
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unconnected Paho MQTT 5 client (memory persistence). */
    public static org.eclipse.paho.mqttv5.client.MqttClient pahoV5(CicadaBroker broker, String clientId) {
        try {
            var client = new org.eclipse.paho.mqttv5.client.MqttClient(
                    broker.uri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            client.setTimeToWait(TIMEOUT.toMillis()); // every blocking call is bounded
            return client;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The publishes stream of a connected HiveMQ MQTT 5 client; open it before subscribing. */
    public static Mqtt5BlockingClient.Mqtt5Publishes publishes(Mqtt5BlockingClient client) {
        return client.publishes(MqttGlobalPublishFilter.ALL);
    }

    /** The next message, failing the test if none arrives within {@link #TIMEOUT}. */
    public static Mqtt5Publish next(Mqtt5BlockingClient.Mqtt5Publishes publishes) {
        return poll(publishes, TIMEOUT)
                .orElseThrow(() -> new AssertionError("expected a message within " + TIMEOUT.toMillis() + " ms"));
    }

    /** The next message, failing the test if none arrives within {@link #TIMEOUT}. */
    public static Mqtt3Publish next(Mqtt3BlockingClient.Mqtt3Publishes publishes) {
        try {
            return publishes
                    .receive(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .orElseThrow(() -> new AssertionError("expected a message within " + TIMEOUT.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Fails if a message arrives within {@link #QUIET}. */
    public static void expectNoMessage(Mqtt5BlockingClient.Mqtt5Publishes publishes) {
        poll(publishes, QUIET).ifPresent(p -> {
            throw new AssertionError("expected no message, got " + p + " payload '" + utf8(p) + "'");
        });
    }

    /** The message's payload as UTF-8. */
    public static String utf8(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    /** The message's payload as UTF-8. */
    public static String utf8(Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static Optional<Mqtt5Publish> poll(Mqtt5BlockingClient.Mqtt5Publishes publishes, Duration timeout) {
        try {
            return publishes.receive(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
