package io.cicada.tests.retain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker's {@code $SYS} topics are retained, in Mosquitto's layout. */
class SysTopicsTest {
    @RegisterExtension
    static CicadaBroker broker =
            CicadaBroker.create().withSettings(s -> s.sysIntervalSeconds(1).brokerVersion("cicada test"));

    @Test
    void brokerVersionIsRetained() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "sys-version", true, 60);
            client.subscribe("$SYS/broker/version", 0);
            Publish version = client.receive(Publish.class, Duration.ofSeconds(5));
            assertThat(version.topic()).isEqualTo("$SYS/broker/version");
            assertThat(version.payload().asUtf8()).isEqualTo("cicada test");
            assertThat(version.retain())
                    .as("retained, so a subscriber gets it at once")
                    .isTrue();
        }
    }

    @Test
    void basicCountersArePublished() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "sys-counters", true, 60);
            client.subscribe("$SYS/broker/clients/connected", 0);
            client.subscribe("$SYS/broker/uptime", 0);
            Map<String, String> seen = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                Publish p = client.receive(Publish.class, Duration.ofSeconds(5));
                seen.put(p.topic(), p.payload().asUtf8());
            }
            assertThat(seen.get("$SYS/broker/uptime")).matches("\\d+ seconds");
            assertThat(Integer.parseInt(seen.get("$SYS/broker/clients/connected")))
                    .isGreaterThanOrEqualTo(0);
        }
    }
}
