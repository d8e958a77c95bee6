package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
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

/** The offline queue is bounded ({@code maxQueuedMessages}); QoS 0 is queued when {@code queueQos0Offline}. */
class OfflineQueueLimitTest {
    @RegisterExtension
    static CicadaBroker broker =
            CicadaBroker.create().withSettings(s -> s.maxQueuedMessages(3).queueQos0Offline(true));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void queueKeepsAtMostMaxQueuedMessagesAndDropsTheNewest() {
        goOffline("bounded", "bounded/t");
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "bounded-pub", true, 60);
            for (int i = 1; i <= 5; i++) {
                pub.send(new Publish("bounded/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i)));
                pub.receive(PubAck.class, WAIT);
            }
        }
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "bounded", false, 60);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Publish p = sub.receive(Publish.class, WAIT);
                got.add(p.payload().asUtf8());
                sub.send(new PubAck(p.packetId()));
            }
            // the queue bound holds: the first three are kept, the newer ones were dropped (and counted)
            assertThat(got).containsExactly("m1", "m2", "m3");
            sub.expectNothing(Duration.ofMillis(400));
        }
    }

    @Test
    void qos0IsQueuedOfflineWhenConfigured() {
        goOffline("q0-queued", "q0queued/t");
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "q0-queued-pub", true, 60);
            pub.send(Publish.qos0("q0queued/t", Payload.utf8("zero")));
            pub.send(new Publish("q0queued/sync", 1, false, false, 1, Properties.EMPTY, Payload.EMPTY));
            pub.receive(PubAck.class, WAIT);
        }
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "q0-queued", false, 60);
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.payload().asUtf8()).isEqualTo("zero");
            assertThat(p.qos()).isZero();
        }
    }

    private static void goOffline(String clientId, String filter) {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, clientId, false, 60);
            sub.subscribe(filter, 1);
            sub.send(Disconnect.NORMAL);
            sub.awaitClosed(WAIT);
        }
    }
}
