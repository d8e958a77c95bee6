package io.cicada.tests.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reserved fixed-header flags and ill-formed UTF-8 in fields the other malformed-packet tests leave out: DISCONNECT,
 * AUTH and UNSUBSCRIBE flags, the User Name, PUBLISH string properties and SUBSCRIBE / UNSUBSCRIBE filters. MQTT 5 gets
 * a CONNACK or DISCONNECT 0x81 then a close; MQTT 3.1.1 a close (5.0 §1.5.4, §2.1.3; 3.1.1 §1.5.3, §2.2.2).
 */
class PacketFormConformanceTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void mqtt5ReservedFlagsAndIllFormedStringsGetDisconnect0x81() {
        // [MQTT-2.1.3-1] reserved flags: [MQTT-3.10.1-1] UNSUBSCRIBE 0000, [MQTT-3.14.1-1] DISCONNECT 0001,
        // [MQTT-3.15.1-1] AUTH 0001
        malformedAfterConnect("A0 06 00 01 00 00 01 61", 0x81);
        malformedAfterConnect("E1 00", 0x81);
        malformedAfterConnect("F1 00", 0x81, 0x82);
        // [MQTT-1.5.4-1] ill-formed UTF-8 (C0 AF) in [MQTT-3.3.2-19] a Content Type, [MQTT-3.3.2-13] a Response
        // Topic, [MQTT-3.8.3-1] a SUBSCRIBE filter and [MQTT-3.10.3-1] an UNSUBSCRIBE filter
        malformedAfterConnect("30 09 00 01 61 05 03 00 02 C0 AF", 0x81);
        malformedAfterConnect("30 09 00 01 61 05 08 00 02 C0 AF", 0x81);
        malformedAfterConnect("82 08 00 01 00 00 02 C0 AF 00", 0x81);
        malformedAfterConnect("A2 07 00 01 00 00 02 C0 AF", 0x81);
        // [MQTT-1.5.7-1] a User Property whose name is not UTF-8, [MQTT-3.3.2-1] a Topic Name that is not UTF-8
        malformedAfterConnect("30 0C 00 01 61 08 26 00 02 C0 AF 00 01 61", 0x81);
        malformedAfterConnect("30 05 00 02 C0 AF 00", 0x81, 0x90);
        // [MQTT-1.5.5-1] a Property Length of 0 written in two bytes; [MQTT-2.2.2-1] no Property Length at all
        malformedAfterConnect("30 05 00 01 61 80 00", 0x81);
        malformedAfterConnect("30 03 00 01 61", 0x81);
        // [MQTT-3.3.2-14] a Response Topic with a wildcard ("a#")
        malformedAfterConnect("30 09 00 01 61 05 08 00 02 61 23", 0x81, 0x82, 0x90);
    }

    @Test
    void mqtt311ReservedFlagsCloseTheConnection() {
        // [MQTT-2.2.2-1@3.1.1] [MQTT-2.2.2-2] invalid flags close: [MQTT-3.10.1-1@3.1.1] UNSUBSCRIBE 0000,
        // [MQTT-3.14.1-1@3.1.1] DISCONNECT 0001, [MQTT-3.6.1-1@3.1.1] PUBREL 0000
        closedAfterMqtt311Connect("A0 05 00 01 00 01 61");
        closedAfterMqtt311Connect("E1 00");
        closedAfterMqtt311Connect("60 02 00 01");
        // [MQTT-1.5.3-1] [MQTT-3.8.3-1@3.1.1] [MQTT-3.10.3-1@3.1.1] ill-formed UTF-8 in filters
        closedAfterMqtt311Connect("82 07 00 01 00 02 C0 AF 00");
        closedAfterMqtt311Connect("A2 06 00 01 00 02 C0 AF");
        // [MQTT-3.3.2-1@3.1.1] a Topic Name that is not UTF-8
        closedAfterMqtt311Connect("30 04 00 02 C0 AF");
    }

    @Test
    void willQos3AndIllFormedClientIdRefuseTheConnect() {
        // [MQTT-3.1.2-12] Will Flag with Will QoS 3: CONNACK 0x81 and close
        refusedConnect("10 16 00 04 4D 51 54 54 05 1E 00 3C 00 00 02 77 71 00 00 01 74 00 01 78", 0x81);
        // [MQTT-3.1.3-4] a Client Identifier that is not UTF-8
        refusedConnect("10 0F 00 04 4D 51 54 54 05 02 00 3C 00 00 02 C0 AF", 0x81, 0x85);
        try (RawMqttClient client = broker.rawClient()) {
            client.sendHex("10 0E 00 04 4D 51 54 54 04 02 00 3C 00 02 C0 AF");
            // [MQTT-3.1.3-4@3.1.1] closed, at most with return code 0x02 Identifier rejected
            assertThat(client.awaitClosed(WAIT)).isTrue();
            MqttPacket answer = client.poll(Duration.ZERO);
            if (answer != null) {
                assertThat(((ConnAck) answer).reasonCode()).isEqualTo(0x02);
            }
        }
        try (RawMqttClient client = broker.rawClient()) {
            // 3.1.1 CONNECT whose Will Topic "a/#" is no topic name: no return code fits
            client.sendHex("10 15 00 04 4D 51 54 54 04 06 00 3C 00 02 77 33 00 03 61 2F 23 00 01 78");
            // [MQTT-3.2.2-6@3.1.1] closed without a CONNACK
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.poll(Duration.ZERO)).isNull();
        }
    }

    private static void refusedConnect(String hex, Integer... codes) {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            client.sendHex(hex);
            MqttPacket answer = client.poll(WAIT);
            assertThat(answer).as("%s: CONNACK expected", hex).isInstanceOf(ConnAck.class);
            assertThat(((ConnAck) answer).reasonCode())
                    .as("%s: reason code", hex)
                    .isIn((Object[]) codes);
            assertThat(client.awaitClosed(WAIT)).as("%s: closed", hex).isTrue();
        }
    }

    @Test
    void illFormedUserNameRefusesTheConnect() {
        try (RawMqttClient client = broker.rawClient()) {
            client.version(MqttVersion.MQTT_5);
            client.sendHex("10 13 00 04 4D 51 54 54 05 82 00 3C 00 00 02 75 31 00 02 C0 AF");
            MqttPacket answer = client.poll(WAIT);
            // [MQTT-3.1.3-12] [MQTT-3.1.4-1] the User Name is not UTF-8: refused with 0x81, then closed
            assertThat(answer).isInstanceOf(ConnAck.class);
            assertThat(((ConnAck) answer).reasonCode()).isEqualTo(0x81);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
        try (RawMqttClient client = broker.rawClient()) {
            client.sendHex("10 12 00 04 4D 51 54 54 04 82 00 3C 00 02 75 32 00 02 C0 AF");
            // [MQTT-3.1.3-11@3.1.1] [MQTT-3.1.4-1@3.1.1] closed without a CONNACK
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(client.poll(Duration.ZERO)).isNull();
        }
    }

    private static void malformedAfterConnect(String hex, Integer... codes) {
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_5, "form5-" + Math.abs(hex.hashCode()), true, 60)
                            .reasonCode())
                    .isZero();
            client.sendHex(hex);
            MqttPacket answer = client.poll(WAIT);
            assertThat(answer).as("%s: DISCONNECT expected", hex).isInstanceOf(Disconnect.class);
            assertThat(((Disconnect) answer).reasonCode())
                    .as("%s: reason code", hex)
                    .isIn((Object[]) codes);
            assertThat(client.awaitClosed(WAIT)).as("%s: closed", hex).isTrue();
        }
    }

    private static void closedAfterMqtt311Connect(String hex) {
        try (RawMqttClient client = broker.rawClient()) {
            assertThat(client.connect(MqttVersion.MQTT_3_1_1, "form3-" + Math.abs(hex.hashCode()), true, 60)
                            .reasonCode())
                    .isZero();
            client.sendHex(hex);
            assertThat(client.awaitClosed(WAIT)).as("%s: closed", hex).isTrue();
            assertThat(client.poll(Duration.ZERO))
                    .as("%s: nothing sent back", hex)
                    .isNull();
        }
    }
}
