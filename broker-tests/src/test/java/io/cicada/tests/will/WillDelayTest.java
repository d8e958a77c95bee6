package io.cicada.tests.will;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 Will Delay Interval: the will waits, is cancelled by a reconnect, and is sent early when the session ends. */
class WillDelayTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private Mqtt5BlockingClient watcher;
    private Mqtt5BlockingClient.Mqtt5Publishes wills;

    @BeforeEach
    void watchWills() {
        watcher = ThirdPartyClients.hivemq5(broker, "delay-watcher");
        watcher.connect();
        wills = ThirdPartyClients.publishes(watcher);
        watcher.subscribeWith()
                .topicFilter("delayed/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
    }

    @AfterEach
    void stopWatching() {
        wills.close();
        watcher.disconnect();
    }

    @Test
    void willIsPublishedAfterTheDelay() throws InterruptedException {
        RawMqttClient client = broker.rawClient();
        client.connect(connect("delay-2s", "delayed/two", 2, 60));
        long closedAt = System.nanoTime();
        client.close();
        Optional<?> will = wills.receive(6, TimeUnit.SECONDS);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
        // [MQTT-3.1.3-9] the will is not published before the Will Delay Interval has passed
        assertThat(will).as("will published").isPresent();
        assertThat(elapsedMs).isBetween(1_500L, 5_500L);
    }

    @Test
    void reconnectWithinTheDelayCancelsTheWill() throws InterruptedException {
        RawMqttClient client = broker.rawClient();
        client.connect(connect("delay-cancel", "delayed/cancel", 2, 60));
        client.close();
        try (RawMqttClient again = broker.rawClient()) {
            assertThat(again.connect(new Connect(
                                    MqttVersion.MQTT_5,
                                    "delay-cancel",
                                    false,
                                    60,
                                    null,
                                    null,
                                    null,
                                    Properties.builder()
                                            .sessionExpiryInterval(60L)
                                            .build()))
                            .sessionPresent())
                    .isTrue();
            // 5.0 §3.1.2.5: a new connection for the client id before the delay elapsed: the will is not published
            assertThat(wills.receive(3, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void willIsPublishedWhenTheSessionEndsBeforeTheDelay() {
        RawMqttClient client = broker.rawClient();
        client.connect(connect("delay-expiry", "delayed/expiry", 30, 1));
        long closedAt = System.nanoTime();
        client.close();
        // 5.0 §3.1.3.2.2: published when the delay passes or the session ends, whichever is first
        assertThat(ThirdPartyClients.next(wills).getTopic().toString()).isEqualTo("delayed/expiry");
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(5));
    }

    private static Connect connect(String clientId, String topic, long willDelay, long sessionExpiry) {
        return new Connect(
                MqttVersion.MQTT_5,
                clientId,
                true,
                60,
                null,
                null,
                new Will(
                        topic,
                        Payload.utf8("late"),
                        1,
                        false,
                        Properties.builder().willDelayInterval(willDelay).build()),
                Properties.builder().sessionExpiryInterval(sessionExpiry).build());
    }
}
