package io.cicada.tests.publish;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients may not publish into the broker's own {@code $SYS} tree (§4.7.2: $-topics are for the server). */
class SysTopicPublishTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @Test
    void clientPublishToSysIsNotRouted() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "sys-watch", true, 60);
            sub.subscribe("$SYS/forged/#", 0);
            pub.connect(MqttVersion.MQTT_3_1_1, "sys-forger", true, 60);
            pub.send(Publish.qos0("$SYS/forged/version", Payload.utf8("evil 6.6.6")));
            MqttPacket got = sub.poll(Duration.ofMillis(500));
            if (got != null) {
                throw new AssertionError("a client's PUBLISH to $SYS was routed: " + got);
            }
        }
    }
}
