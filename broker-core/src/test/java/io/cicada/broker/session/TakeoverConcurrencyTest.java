package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerCore;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.connection.Inbound;
import io.cicada.broker.connection.Outbound;
import io.cicada.broker.connection.Packets;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.SubAck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Session takeover on real threads: a subscriber reconnects again and again, alternating event loops, while another
 * loop publishes QoS 1 messages. Every message must arrive, in order, and none twice except as a DUP re-send.
 */
@Timeout(60)
class TakeoverConcurrencyTest {
    private static final int MESSAGES = 3_000;
    private static final int TAKEOVERS = 20;

    private final List<ExecutorService> loops = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BrokerCore core = BrokerCore.builder(BrokerSettings.builder()
                    .sysIntervalSeconds(0)
                    .maxQueuedMessages(0)
                    .maxInflightMessages(20)
                    .build())
            .build();
    private final List<Publish> received = new ArrayList<>();

    @AfterEach
    void stop() {
        core.close();
        loops.forEach(ExecutorService::shutdownNow);
        timer.shutdownNow();
    }

    private ExecutorService loop(String name) {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        loops.add(loop);
        return loop;
    }

    /** An outbound on a real single-thread loop; it acknowledges every QoS 1 PUBLISH right away. */
    private final class AutoAckOutbound implements Outbound {
        final ExecutorService loop;
        final CountDownLatch connAck = new CountDownLatch(1);
        final CountDownLatch subAck = new CountDownLatch(1);
        volatile Inbound inbound;
        volatile boolean closed;

        AutoAckOutbound(ExecutorService loop) {
            this.loop = loop;
        }

        @Override
        public void send(MqttPacket packet) {
            if (closed) {
                return;
            }
            if (packet instanceof ConnAck) {
                connAck.countDown();
            } else if (packet instanceof SubAck) {
                subAck.countDown();
            } else if (packet instanceof Publish publish) {
                synchronized (received) {
                    received.add(publish);
                }
                loop.execute(() -> {
                    inbound.receive(new PubAck(publish.packetId()));
                    inbound.readComplete();
                });
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void pauseReading(ReadPause reason) {}

        @Override
        public void resumeReading(ReadPause reason) {}

        @Override
        public boolean isReadingPaused() {
            return false;
        }

        @Override
        public java.util.concurrent.Executor executor() {
            return loop;
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            var future = timer.schedule(() -> loop.execute(task), delay, unit);
            return () -> future.cancel(false);
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:1";
        }

        @Override
        public String listenerName() {
            return "test";
        }
    }

    private AutoAckOutbound open(ExecutorService loop, MqttPacket... packets) throws Exception {
        AutoAckOutbound outbound = new AutoAckOutbound(loop);
        loop.submit(() -> {
                    outbound.inbound = core.accept(outbound);
                    for (MqttPacket packet : packets) {
                        outbound.inbound.receive(packet);
                    }
                    outbound.inbound.readComplete();
                })
                .get(10, TimeUnit.SECONDS);
        assertThat(outbound.connAck.await(10, TimeUnit.SECONDS)).isTrue();
        return outbound;
    }

    @Test
    void noMessageIsLostOrDuplicatedAcrossTakeovers() throws Exception {
        ExecutorService a = loop("loop-a");
        ExecutorService b = loop("loop-b");
        ExecutorService publisherLoop = loop("loop-p");
        var persistent = Packets.connect(MqttVersion.MQTT_3_1_1, "s", false);
        AutoAckOutbound first = open(a, persistent, Packets.subscribe(1, "t", 1));
        assertThat(first.subAck.await(10, TimeUnit.SECONDS)).isTrue();
        AutoAckOutbound publisher = open(publisherLoop, Packets.connect311("p"));
        Thread publishing = new Thread(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                Publish publish = Packets.publish("t", 1, (i % 60_000) + 1, Integer.toString(i));
                publisherLoop.execute(() -> {
                    publisher.inbound.receive(publish);
                    publisher.inbound.readComplete();
                });
            }
        });
        publishing.start();
        for (int i = 0; i < TAKEOVERS; i++) {
            open(i % 2 == 0 ? b : a, persistent);
        }
        publishing.join(30_000);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    synchronized (received) {
                        return received.stream()
                                        .map(p -> p.payload().asUtf8())
                                        .distinct()
                                        .count()
                                == MESSAGES;
                    }
                });
        List<Publish> all;
        synchronized (received) {
            all = List.copyOf(received);
        }
        Set<String> firstDeliveries = new LinkedHashSet<>();
        for (Publish p : all) {
            if (!p.dup()) {
                assertThat(firstDeliveries.add(p.payload().asUtf8()))
                        .as("delivered twice without DUP: %s", p)
                        .isTrue();
            }
        }
        List<Integer> order = all.stream()
                .filter(p -> !p.dup())
                .map(p -> Integer.parseInt(p.payload().asUtf8()))
                .toList();
        assertThat(order).isSorted();
    }
}
