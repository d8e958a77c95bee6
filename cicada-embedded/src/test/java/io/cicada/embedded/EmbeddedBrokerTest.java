package io.cicada.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.InProcessSubscription;
import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Endpoint;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.server.Broker;
import io.cicada.server.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embeddable broker as an application uses it through {@code io.cicada:cicada-embedded}: started on a free port,
 * configured from the same YAML model as the file, exchanging messages with network clients through its in-process
 * publish and subscribe hooks, and closed cleanly.
 */
class EmbeddedBrokerTest {

    @TempDir
    Path dir;

    @Test
    void startsOnAFreePortAndReleasesItOnClose() throws Exception {
        Broker broker = Broker.builder().port(0).build().start();
        int port = broker.port();
        assertThat(port).isPositive();
        assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + port);
        broker.close();

        assertThat(broker.isRunning()).isFalse();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free again
        }
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void takesTheSameConfigurationModelAsTheFile() throws Exception {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, """
                listeners:
                  - name: inside
                    type: tcp
                    host: 127.0.0.1
                    port: 0
                max_packet_size: 4096
                """);
        try (Broker broker = Broker.builder()
                .config(ConfigLoader.load(file, Map.of(), List.of()))
                .build()
                .start()) {
            assertThat(broker.port("inside")).isPositive();
            assertThat(broker.config().broker().maxPacketSize()).isEqualTo(4096);
        }
    }

    @Test
    void inProcessHooksExchangeMessagesWithNetworkClients() throws Exception {
        try (Broker broker = Broker.builder().port(0).build().start()) {
            LinkedBlockingQueue<Message> inside = new LinkedBlockingQueue<>();
            try (InProcessSubscription subscription = broker.subscribe("sensors/+/temperature", 1, inside::add);
                    BlockingClient client = BlockingClient.connect(
                            Endpoint.tcp("127.0.0.1", broker.port()), connect("embedded-test"))) {
                BlockingClient.await(
                        client.connection().subscribe(List.of(Subscription.of("commands/#", 1)), Properties.EMPTY));

                // A network client's message reaches the in-process subscriber...
                BlockingClient.await(client.connection()
                        .publish("sensors/kitchen/temperature", 1, false, Properties.EMPTY, bytes("21.5")));
                Message received = inside.poll(10, TimeUnit.SECONDS);
                assertThat(received).isNotNull();
                assertThat(received.topic()).isEqualTo("sensors/kitchen/temperature");
                assertThat(received.payload().asUtf8()).isEqualTo("21.5");
                assertThat(received.senderClientId()).isEqualTo("embedded-test");

                // ... and an in-process publish reaches the network client.
                broker.publish("commands/heater", bytes("on"), 1, false);
                BlockingClient.Event event = client.nextEvent(10_000);
                assertThat(event).isNotNull();
                assertThat(event.message().topic()).isEqualTo("commands/heater");
                assertThat(event.message().payload().asUtf8()).isEqualTo("on");
                assertThat(event.message().qos()).isEqualTo(1);

                // Closing the subscription unsubscribes it.
                int before = broker.core().subscriptionCount();
                subscription.close();
                assertThat(broker.core().subscriptionCount()).isEqualTo(before - 1);
            }
        }
    }

    @Test
    void bringsNeitherTheCommandLineNorALoggingBackEnd() {
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("ch.qos.logback.classic.Logger"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static Connect connect(String clientId) {
        return new Connect(MqttVersion.MQTT_5, clientId, true, 30, null, null, null, Properties.EMPTY);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
