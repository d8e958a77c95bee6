package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A persistent session taken over while messages stream in: no message is lost in the hand-over, none acknowledged
 * by the old connection is sent again, and the new connection gets each of the rest once.
 */
class TakeoverHandOverTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);
    static final int MESSAGES = 200;

    @Test
    void takeoverMidStreamLosesNothingAndRepeatsNothingAcknowledged() {
        Set<String> ackedByOld = new HashSet<>();
        List<String> receivedByNew = new ArrayList<>();
        try (RawMqttClient pub = broker.rawClient();
                RawMqttClient old = broker.rawClient();
                RawMqttClient fresh = broker.rawClient()) {
            old.connect(MqttVersion.MQTT_3_1_1, "handover", false, 60);
            old.subscribe("handover/t", 1);
            pub.connect(MqttVersion.MQTT_3_1_1, "handover-pub", true, 60);
            publish(pub, 1, MESSAGES / 2);
            for (int i = 0; i < MESSAGES / 4; i++) {
                Publish p = old.receive(Publish.class, WAIT);
                ackedByOld.add(p.payload().asUtf8());
                old.send(new PubAck(p.packetId()));
            }
            // The broker reads one connection in order: once it answers this PINGREQ it has processed every PUBACK
            // above. Without this the takeover can overtake PUBACKs still in the old socket, and the broker then
            // rightly resends those messages (at least once) to the new connection.
            old.send(PingReq.INSTANCE);
            old.receiveFirst(PingResp.class, WAIT);
            // [MQTT-3.1.4-3] takeover; the session (subscription, in-flight and queued messages) moves over
            assertThat(fresh.connect(MqttVersion.MQTT_3_1_1, "handover", false, 60)
                            .sessionPresent())
                    .isTrue();
            publish(pub, MESSAGES / 2 + 1, MESSAGES);
            Set<String> missing = IntStream.rangeClosed(1, MESSAGES)
                    .mapToObj(i -> "m" + i)
                    .filter(m -> !ackedByOld.contains(m))
                    .collect(Collectors.toCollection(HashSet::new));
            while (!missing.isEmpty()) {
                MqttPacket packet = fresh.poll(WAIT);
                assertThat(packet)
                        .as("still missing %d messages: %s", missing.size(), missing)
                        .isNotNull();
                Publish p = (Publish) packet;
                receivedByNew.add(p.payload().asUtf8());
                missing.remove(p.payload().asUtf8());
                fresh.send(new PubAck(p.packetId()));
            }
            fresh.expectNothing(Duration.ofMillis(300));
            fresh.send(Disconnect.NORMAL);
        }
        assertThat(receivedByNew)
                .as("acknowledged by the old connection: never again")
                .doesNotContainAnyElementsOf(ackedByOld);
        assertThat(receivedByNew).as("each message once on the new connection").doesNotHaveDuplicates();
    }

    private static void publish(RawMqttClient pub, int from, int to) {
        for (int i = from; i <= to; i++) {
            pub.send(new Publish("handover/t", 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i)));
        }
        for (int i = from; i <= to; i++) {
            pub.receiveFirst(PubAck.class, WAIT);
        }
    }
}
