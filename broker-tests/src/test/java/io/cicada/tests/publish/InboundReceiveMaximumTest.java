package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An MQTT 5 client that exceeds the broker's advertised Receive Maximum is disconnected with 0x93. */
class InboundReceiveMaximumTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.receiveMaximum(2));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void moreUnacknowledgedQos2PublishesThanReceiveMaximumIsAnError() {
        try (RawMqttClient pub = broker.rawClient()) {
            ConnAck ack = pub.connect(MqttVersion.MQTT_5, "rm-pub", true, 60);
            assertThat(ack.properties().receiveMaximum()).isEqualTo(2);
            // QoS 2 PUBLISHes stay unacknowledged (no PUBCOMP) until the client sends PUBREL, which it does not
            for (int id = 1; id <= 2; id++) {
                pub.send(new Publish("rm/t", 2, false, false, id, Properties.EMPTY, Payload.utf8("x")));
                pub.receiveFirst(PubRec.class, WAIT);
            }
            pub.send(new Publish("rm/t", 2, false, false, 3, Properties.EMPTY, Payload.utf8("x")));
            // §3.3.4: more than Receive Maximum unacknowledged QoS>0 PUBLISHes: DISCONNECT 0x93
            Disconnect disconnect = pub.receiveFirst(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            assertThat(pub.awaitClosed(WAIT)).isTrue();
        }
    }
}
