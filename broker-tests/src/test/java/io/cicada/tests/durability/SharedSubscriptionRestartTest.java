package io.cicada.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.RawMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages delivered through a {@code $share/{group}/{filter}} subscription keep their group across a durable restart:
 * when the member that holds them (in flight or queued) never comes back, its session expires after the restart and
 * they go to another member of the group, as they do when a member leaves a running broker (5.0 §4.8.2).
 */
class SharedSubscriptionRestartTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SHARED = "$share/workers/restart/jobs";

    @TempDir
    Path data;

    DurableBroker broker;

    @BeforeEach
    void start() {
        broker = new DurableBroker(data).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private static Connect member(String clientId, long expirySeconds, boolean cleanStart) {
        return new Connect(
                MqttVersion.MQTT_5,
                clientId,
                cleanStart,
                60,
                null,
                null,
                null,
                Properties.builder()
                        .sessionExpiryInterval(expirySeconds)
                        .receiveMaximum(1)
                        .build());
    }

    @Test
    void messagesOfAMemberThatNeverReturnsGoToAnotherMemberAfterARestart() {
        try (RawMqttClient other = broker.rawClient()) {
            other.connect(member("worker-b", 300, true));
            other.subscribe(SHARED, 1);
        } // worker-b is offline: the group sends everything to worker-a

        RawMqttClient holder = broker.rawClient();
        holder.connect(member("worker-a", 3, true));
        holder.subscribe(SHARED, 1);
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "jobs-pub", true, 60);
            for (int i = 1; i <= 3; i++) {
                pub.send(new Publish("restart/jobs", 1, false, false, i, Properties.EMPTY, Payload.utf8("job-" + i)));
                pub.receive(PubAck.class, WAIT);
            }
        }
        // Receive Maximum 1: job-1 is in flight to worker-a, job-2 and job-3 wait in its queue; none is acknowledged
        assertThat(holder.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("job-1");
        holder.close(); // no other member online: the jobs stay with worker-a's session

        broker.restart();

        try (RawMqttClient other = broker.rawClient()) {
            assertThat(other.connect(member("worker-b", 300, false)).sessionPresent())
                    .isTrue();
            // worker-a never comes back; when its session expires (3 s) its jobs go to worker-b
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Publish job = other.receive(Publish.class, WAIT);
                jobs.add(job.payload().asUtf8());
                other.send(new PubAck(job.packetId()));
            }
            assertThat(jobs).containsExactly("job-1", "job-2", "job-3");
            other.expectNothing(Duration.ofMillis(500));
        }
    }
}
