package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An inbound QoS 2 message whose publisher reconnects before finishing the exchange: the packet id state is part of
 * the session (3.1.1 §3.1.2.4, 5.0 §4.1), so the message is still delivered exactly once.
 */
class InboundQos2AcrossReconnectTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void resentPublishAfterReconnectIsNotDeliveredTwice(MqttVersion version) {
        String topic = "q2session/dup/" + version.level();
        Connect persistent = persistent(version, "q2-dup-" + version.level());
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(version, "q2-dup-sub-" + version.level(), true, 60);
            sub.subscribe(topic, 2);
            try (RawMqttClient pub = broker.rawClient()) {
                pub.connect(persistent);
                pub.send(new Publish(topic, 2, false, false, 5, Properties.EMPTY, Payload.utf8("only once")));
                assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(5);
            } // dropped before PUBREL
            try (RawMqttClient pub = broker.rawClient()) {
                assertThat(pub.connect(persistent).sessionPresent()).isTrue();
                // [MQTT-4.4.0-1] the client re-sends the unacknowledged PUBLISH with DUP 1
                pub.send(new Publish(topic, 2, true, false, 5, Properties.EMPTY, Payload.utf8("only once")));
                assertThat(pub.receive(PubRec.class, WAIT).packetId()).isEqualTo(5);
                pub.send(new PubRel(5));
                assertThat(pub.receive(PubComp.class, WAIT).packetId()).isEqualTo(5);
            }
            // [MQTT-4.3.3-2] (3.1.1) / [MQTT-4.3.3-10] (5.0): no duplicate delivery to onward recipients
            Publish p = sub.receive(Publish.class, WAIT);
            assertThat(p.payload().asUtf8()).isEqualTo("only once");
            sub.send(new PubRec(p.packetId()));
            sub.receive(PubRel.class, WAIT);
            sub.send(new PubComp(p.packetId()));
            sub.expectNothing(Duration.ofMillis(400));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void pubRelAfterReconnectCompletesTheExchange(MqttVersion version) {
        Connect persistent = persistent(version, "q2-rel-" + version.level());
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(persistent);
            pub.send(new Publish("q2session/rel", 2, false, false, 6, Properties.EMPTY, Payload.utf8("x")));
            pub.receive(PubRec.class, WAIT);
        }
        try (RawMqttClient pub = broker.rawClient()) {
            assertThat(pub.connect(persistent).sessionPresent()).isTrue();
            // [MQTT-4.4.0-1] the client re-sends PUBREL; the server still knows the packet id: PUBCOMP 0x00
            pub.send(new PubRel(6));
            PubComp comp = pub.receive(PubComp.class, WAIT);
            assertThat(comp.packetId()).isEqualTo(6);
            assertThat(comp.reasonCode()).isZero();
        }
    }

    private static Connect persistent(MqttVersion version, String clientId) {
        Properties props =
                version.isV5() ? Properties.builder().sessionExpiryInterval(60L).build() : Properties.EMPTY;
        return new Connect(version, clientId, false, 60, null, null, null, props);
    }
}
