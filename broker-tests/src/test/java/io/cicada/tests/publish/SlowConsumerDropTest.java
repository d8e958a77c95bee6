package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.SlowConsumerPolicy;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slow_consumer_policy: drop}: a subscriber congested past the timeout stops holding its publishers back; what
 * it cannot take beyond the bound is dropped and counted; it stays connected and gets what was kept.
 */
class SlowConsumerDropTest {
    static final int BACKLOG = 4;
    static final int WINDOW = 2;

    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.slowConsumerBacklog(BACKLOG)
            .maxInflightMessages(WINDOW)
            .slowConsumerTimeoutSeconds(1)
            .slowConsumerPolicy(SlowConsumerPolicy.DROP));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void slowSubscriberNoLongerHoldsThePublisherBackAndLosesWhatPassesTheBound() {
        BrokerStats stats = broker.broker().core().stats();
        long slowBefore = stats.slowConsumers();
        long droppedBefore = stats.droppedByReason().getOrDefault(BrokerStats.DROP_SLOW_CONSUMER, 0L);
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "slow-drop-sub", true, 60);
            sub.subscribe("slowdrop/t", 1);
            pub.connect(MqttVersion.MQTT_3_1_1, "slow-drop-pub", true, 60);
            int sent = 0;
            boolean paused = false;
            while (!paused && sent < 50) {
                sent++;
                pub.send(publish(sent));
                paused = pub.poll(Duration.ofMillis(300)) == null;
            }
            assertThat(paused)
                    .as("the publisher is paused while the subscriber is behind")
                    .isTrue();

            // After the timeout the publisher is read again, although the subscriber acknowledged nothing.
            assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(sent);
            assertThat(stats.slowConsumers()).isEqualTo(slowBefore + 1);
            for (int i = 0; i < 20; i++) {
                sent++;
                pub.send(publish(sent));
                assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(sent);
            }
            assertThat(stats.droppedByReason().getOrDefault(BrokerStats.DROP_SLOW_CONSUMER, 0L))
                    .isGreaterThanOrEqualTo(droppedBefore + 20 - BACKLOG);

            // Still connected: it gets its window and the bounded queue, in order, and nothing beyond.
            int received = 0;
            int last = 0;
            while (sub.poll(Duration.ofMillis(500)) instanceof Publish p) {
                int n = Integer.parseInt(p.payload().asUtf8().substring(1));
                assertThat(n).isGreaterThan(last);
                last = n;
                received++;
                sub.send(new PubAck(p.packetId()));
            }
            assertThat(received).isBetween(WINDOW + BACKLOG - 1, WINDOW + BACKLOG + 2);
            assertThat(sub.isClosedByBroker()).isFalse();
        }
    }

    static Publish publish(int i) {
        return new Publish("slowdrop/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i));
    }
}
