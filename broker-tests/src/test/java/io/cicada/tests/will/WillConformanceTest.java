package io.cicada.tests.will;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UserProperty;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Will messages seen from a subscriber: stored, retained as asked, properties kept, dropped on a normal exit. */
class WillConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void retainedWillKeepsItsUserPropertiesInOrderAndIsRetained() {
        Properties willProperties = Properties.builder()
                .addUserProperty("k", "1")
                .addUserProperty("a", "2")
                .addUserProperty("k", "3")
                .build();
        RawMqttClient dying = broker.rawClient();
        dying.connect(new Connect(
                MqttVersion.MQTT_5,
                "will-props",
                true,
                60,
                null,
                null,
                new Will("will/props", Payload.utf8("gone"), 1, true, willProperties),
                Properties.EMPTY));
        // [MQTT-3.1.2-7] the Will is stored with the session: it is published after the connection drops
        dying.close();
        try (RawMqttClient late = broker.rawClient()) {
            late.connect(MqttVersion.MQTT_5, "will-props-late", true, 60);
            // subscribing after the Will was published: it arrives only because it was retained
            late.subscribe(new Subscription("will/props", 1, false, true, 0));
            Publish will = late.receive(Publish.class, WAIT);
            assertThat(will.payload().asUtf8()).isEqualTo("gone");
            // [MQTT-3.1.2-15] Will Retain 1: published as a retained message
            assertThat(will.retain()).isTrue();
            // [MQTT-3.1.3-10] the Will's User Properties in their original order
            assertThat(will.properties().userProperties())
                    .containsExactly(
                            new UserProperty("k", "1"), new UserProperty("a", "2"), new UserProperty("k", "3"));
            late.send(new io.cicada.mqtt.packet.PubAck(will.packetId()));
            // clean up the retained Will for other tests
            late.send(new Publish("will/props", 0, false, true, 0, Properties.EMPTY, Payload.EMPTY));
        }
    }

    @Test
    void mqtt311RetainedWillIsRetained() {
        RawMqttClient dying = broker.rawClient();
        dying.connect(new Connect(
                MqttVersion.MQTT_3_1_1,
                "will-311-retained",
                true,
                60,
                null,
                null,
                new Will("will/311", Payload.utf8("bye"), 0, true, Properties.EMPTY),
                Properties.EMPTY));
        dying.close();
        try (RawMqttClient late = broker.rawClient()) {
            late.connect(MqttVersion.MQTT_3_1_1, "will-311-late", true, 60);
            late.subscribe("will/311", 0);
            Publish will = late.receive(Publish.class, WAIT);
            // [MQTT-3.1.2-17@3.1.1] a Will with Will Retain 1 is published as a retained message
            assertThat(will.retain()).isTrue();
            assertThat(will.payload().asUtf8()).isEqualTo("bye");
            late.send(new Publish("will/311", 0, false, true, 0, Properties.EMPTY, Payload.EMPTY));
        }
    }

    @Test
    void normalDisconnectDropsTheWillAndNoWillFlagMeansNoWill() {
        try (RawMqttClient watcher = broker.rawClient()) {
            watcher.connect(MqttVersion.MQTT_5, "will-watcher", true, 60);
            watcher.subscribe("will/none/#", 0);
            try (RawMqttClient polite = broker.rawClient()) {
                polite.connect(new Connect(
                        MqttVersion.MQTT_5,
                        "will-polite",
                        true,
                        60,
                        null,
                        null,
                        new Will("will/none/polite", Payload.utf8("x"), 0, false, Properties.EMPTY),
                        Properties.EMPTY));
                polite.send(Disconnect.NORMAL);
                assertThat(polite.awaitClosed(WAIT)).isTrue();
            }
            try (RawMqttClient polite311 = broker.rawClient()) {
                polite311.connect(new Connect(
                        MqttVersion.MQTT_3_1_1,
                        "will-polite-311",
                        true,
                        60,
                        null,
                        null,
                        new Will("will/none/polite311", Payload.utf8("x"), 0, false, Properties.EMPTY),
                        Properties.EMPTY));
                polite311.send(Disconnect.NORMAL, MqttVersion.MQTT_3_1_1);
                assertThat(polite311.awaitClosed(WAIT)).isTrue();
            }
            RawMqttClient willless = broker.rawClient();
            willless.connect(MqttVersion.MQTT_3_1_1, "will-none-311", true, 60);
            willless.close(); // dropped without DISCONNECT, but it had no Will
            // [MQTT-3.14.4-3] [MQTT-3.14.4-3@3.1.1] DISCONNECT drops the Will without publishing it
            // [MQTT-3.1.2-12@3.1.1] without the Will Flag no Will is published when the connection ends
            watcher.expectNothing(Duration.ofSeconds(1));
        }
    }
}
