package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared-subscription member that refuses a message with a PUBACK or PUBREC of 0x80 or above: the message is
 * discarded, not offered to the other members (5.0 §4.8.2).
 */
class SharedSubscriptionAckTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    /** The member that got the message, set by {@link #firstOf}. */
    private RawMqttClient holder;

    @Test
    void refusedSharedMessageGoesToNoOtherMember() {
        for (int qos = 1; qos <= 2; qos++) {
            String filter = "$share/refusers/refuse/q" + qos;
            try (RawMqttClient a = broker.rawClient();
                    RawMqttClient b = broker.rawClient();
                    RawMqttClient pub = broker.rawClient()) {
                a.connect(MqttVersion.MQTT_5, "refuser-a" + qos, true, 60);
                a.subscribe(filter, qos);
                b.connect(MqttVersion.MQTT_5, "refuser-b" + qos, true, 60);
                b.subscribe(filter, qos);
                pub.connect(MqttVersion.MQTT_5, "refuser-pub" + qos, true, 60);
                pub.send(new Publish(
                        "refuse/q" + qos, qos, false, false, 1, Properties.EMPTY, Payload.utf8("unwanted")));
                MqttPacket first = firstOf(a, b);
                assertThat(first).as("one member gets the message").isInstanceOf(Publish.class);
                Publish message = (Publish) first;
                holder.send(
                        qos == 1
                                ? new PubAck(message.packetId(), ReasonCode.UNSPECIFIED_ERROR, Properties.EMPTY)
                                : new PubRec(message.packetId(), ReasonCode.UNSPECIFIED_ERROR, Properties.EMPTY));
                // [MQTT-4.8.2-6] discarded: neither the other member nor the refuser gets it again
                a.expectNothing(Duration.ofMillis(700));
                b.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    /** The first packet either member receives; {@link #holder} is the member that got it. */
    private MqttPacket firstOf(RawMqttClient a, RawMqttClient b) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MqttPacket packet = a.poll(Duration.ofMillis(50));
            if (packet != null) {
                holder = a;
                return packet;
            }
            packet = b.poll(Duration.ofMillis(50));
            if (packet != null) {
                holder = b;
                return packet;
            }
        }
        return null;
    }
}
