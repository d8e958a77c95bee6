package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.observe.BrokerStats;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounded memory towards a subscriber that does not keep up: QoS 1 publishers to it stop being read (no PUBACK, no
 * message lost) until it drains; QoS 0 messages for it are dropped and counted once its queue is full, and their
 * publisher keeps going.
 */
class BackpressureTest {
    static final int BACKLOG = 10;
    static final int WINDOW = 5;

    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.slowConsumerBacklog(BACKLOG)
            .maxInflightMessages(WINDOW)
            .maxQueuedMessages(4 * BACKLOG)
            .slowConsumerTimeoutSeconds(300));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void qos1PublisherIsNotReadWhileItsSubscriberIsBehindAndNothingIsLost() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "bp-sub", true, 60);
            sub.subscribe("bp/t", 1);
            pub.connect(MqttVersion.MQTT_3_1_1, "bp-pub", true, 60);
            long dropped = stats().messagesDropped();
            // One PUBLISH per read cycle: the subscriber never acknowledges, so its window fills, then its queue.
            int acknowledged = 0;
            int sent = 0;
            while (sent < 100) {
                sent++;
                pub.send(publish(sent));
                if (pub.poll(Duration.ofMillis(500)) == null) {
                    break; // the broker stopped reading from the publisher
                }
                acknowledged++;
            }
            assertThat(acknowledged)
                    .as("PUBACKs before the broker stopped reading")
                    .isBetween(WINDOW + BACKLOG - 1, WINDOW + BACKLOG + 5);
            pub.expectNothing(Duration.ofMillis(300));

            // The subscriber catches up: reading resumes and every message arrives once, in order.
            List<String> got = new ArrayList<>();
            while (got.size() < sent) {
                Publish p = sub.receive(Publish.class, WAIT);
                got.add(p.payload().asUtf8());
                sub.send(new PubAck(p.packetId()));
            }
            MqttPacket ack = pub.receive(WAIT);
            assertThat(ack).isEqualTo(new PubAck(sent));
            assertThat(got).containsExactlyElementsOf(expected(sent));
            assertThat(stats().messagesDropped()).isEqualTo(dropped);
        }
    }

    @Test
    void qos0ForASubscriberThatIsBehindIsDroppedAndCountedWhileThePublisherGoesOn() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "bp0-sub", true, 60);
            sub.subscribe("bp0/t", 0);
            pub.connect(MqttVersion.MQTT_3_1_1, "bp0-pub", true, 60);
            long dropped = qos0Drops();
            // The subscriber reads nothing: 64 KB messages fill the socket buffers, then its queue, then are dropped.
            byte[] big = new byte[64 * 1024];
            int sent = 0;
            while (qos0Drops() == dropped && sent < 2_000) {
                sent++;
                pub.send(Publish.qos0("bp0/t", Payload.wrap(big)));
                if (sent % 20 == 0) {
                    // a QoS 1 message to nobody: its PUBACK shows that the publisher is still being read
                    pub.send(new Publish("bp0/other", 1, false, false, sent, Properties.EMPTY, Payload.EMPTY));
                    assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(sent);
                }
            }
            assertThat(qos0Drops()).isGreaterThan(dropped);
            pub.send(new Publish("bp0/other", 1, false, false, 1, Properties.EMPTY, Payload.EMPTY));
            assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(1);
            // What the subscriber gets is what was not dropped: fewer messages than sent, none of them damaged.
            int received = 0;
            while (sub.poll(Duration.ofMillis(500)) instanceof Publish p) {
                assertThat(p.payload().size()).isEqualTo(big.length);
                received++;
            }
            assertThat(received).isPositive().isLessThan(sent);
        }
    }

    static Publish publish(int i) {
        return new Publish("bp/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i));
    }

    static List<String> expected(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("m" + i);
        }
        return names;
    }

    static BrokerStats stats() {
        return broker.broker().core().stats();
    }

    /** QoS 0 drops towards a subscriber that is behind: its queue was full, or its inbox. */
    static long qos0Drops() {
        return droppedFor(BrokerStats.DROP_QUEUE_FULL) + droppedFor(BrokerStats.DROP_CONGESTED);
    }

    static long droppedFor(String reason) {
        return stats().droppedByReason().getOrDefault(reason, 0L);
    }
}
