package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** QoS 0 and QoS 1 flows in both directions at packet level, for MQTT 3.1.1 and 5. */
class Qos1FlowTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void qos0IsDeliveredWithoutPacketIdAndWithoutAck(MqttVersion version) {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(version, "q0-sub-" + version.level(), true, 60);
            sub.subscribe("q0/" + version.level(), 2);
            pub.connect(version, "q0-pub-" + version.level(), true, 60);
            pub.send(Publish.qos0("q0/" + version.level(), Payload.utf8("zero")));
            pub.expectNothing(Duration.ofMillis(200)); // [MQTT-4.3.1-1] no acknowledgement for QoS 0
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.qos()).isZero();
            assertThat(p.packetId()).isZero(); // [MQTT-2.2.1-2] no packet id with QoS 0
            assertThat(p.dup()).isFalse();
            assertThat(p.payload().asUtf8()).isEqualTo("zero");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void inboundQos1IsAcknowledgedWithTheSamePacketId(MqttVersion version) {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(version, "q1-in-" + version.level(), true, 60);
            pub.send(new Publish("q1/in", 1, false, false, 4242, Properties.EMPTY, Payload.utf8("one")));
            // [MQTT-4.3.2-4] the receiver MUST respond with a PUBACK containing the PUBLISH's packet id
            PubAck ack = pub.receive(PubAck.class, WAIT);
            assertThat(ack.packetId()).isEqualTo(4242);
            assertThat(ack.reasonCode()).isIn(0x00, 0x10); // v5: success or no matching subscribers
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void outboundQos1CarriesAPacketIdAndWaitsForPubAck(MqttVersion version) {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            String topic = "q1/out/" + version.level();
            sub.connect(version, "q1-sub-" + version.level(), true, 60);
            assertThat(sub.subscribe(topic, 1).reasonCodes()).containsExactly(1);
            pub.connect(version, "q1-pub-" + version.level(), true, 60);
            pub.send(new Publish(topic, 1, false, false, 1, Properties.EMPTY, Payload.utf8("m1")));
            pub.receive(PubAck.class, WAIT);
            Publish p = sub.receive(Publish.class, WAIT);
            // [MQTT-2.2.1-3] / [MQTT-4.3.2-1] a QoS 1 PUBLISH has a non-zero, currently unused packet id, DUP 0
            assertThat(p.qos()).isEqualTo(1);
            assertThat(p.packetId()).isBetween(1, 65_535);
            assertThat(p.dup()).isFalse();
            sub.send(new PubAck(p.packetId()));
            sub.expectNothing(Duration.ofMillis(300)); // acknowledged: not re-sent on the live connection
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void inflightPacketIdsAreUnique(MqttVersion version) {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            String topic = "q1/ids/" + version.level();
            sub.connect(version, "ids-sub-" + version.level(), true, 60);
            sub.subscribe(topic, 1);
            pub.connect(version, "ids-pub-" + version.level(), true, 60);
            for (int i = 1; i <= 5; i++) {
                pub.send(new Publish(topic, 1, false, false, i, Properties.EMPTY, Payload.utf8("m" + i)));
            }
            Set<Integer> ids = new HashSet<>();
            for (int i = 1; i <= 5; i++) {
                Publish p = sub.receive(Publish.class, WAIT);
                assertThat(p.payload().asUtf8()).isEqualTo("m" + i); // [MQTT-4.6.0-6] order kept
                ids.add(p.packetId());
            }
            // [MQTT-2.2.1-3] / [MQTT-2.3.1-2] unacknowledged packets use distinct packet ids
            assertThat(ids).hasSize(5).doesNotContain(0);
        }
    }
}
