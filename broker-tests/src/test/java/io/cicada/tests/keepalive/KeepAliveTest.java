package io.cicada.tests.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keep-alive: PINGREQ/PINGRESP, the 1.5 × keep-alive timeout, and any packet resetting it. */
class KeepAliveTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void pingReqIsAnsweredWithPingResp() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "ping", true, 60);
            client.send(PingReq.INSTANCE);
            // [MQTT-3.12.4-1] the server MUST send a PINGRESP in response to a PINGREQ
            assertThat(client.receive(WAIT)).isInstanceOf(PingResp.class);
        }
    }

    @Test
    void silentMqtt5ClientIsDisconnectedWithKeepAliveTimeout() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "silent-5", true, 1);
            long start = System.nanoTime();
            // [MQTT-3.1.2-22] (5.0) / [MQTT-3.1.2-24] (3.1.1): no packet within 1.5 × keep-alive: disconnect;
            // 5.0 §3.14.2.1 reason 0x8D Keep Alive timeout
            Disconnect disconnect = client.receive(Disconnect.class, WAIT);
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.KEEP_ALIVE_TIMEOUT);
            assertThat(elapsedMs).as("not before the keep-alive, about 1.5 s").isBetween(1_000L, 3_500L);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void silentMqtt311ClientIsClosed() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "silent-3", true, 1);
            long start = System.nanoTime();
            // [MQTT-3.1.2-24] (3.1.1)
            assertThat(client.awaitClosed(WAIT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(1_000L, 3_500L);
            assertThat(client.poll(Duration.ZERO))
                    .as("3.1.1 has no server DISCONNECT")
                    .isNull();
        }
    }

    @Test
    void pingsKeepTheConnectionOpen() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "pinger", true, 1);
            // 3.5 s of traffic every 0.7 s: more than twice the 1.5 s limit, never silent that long
            for (int i = 0; i < 5; i++) {
                client.send(PingReq.INSTANCE);
                assertThat(client.receive(WAIT)).isInstanceOf(PingResp.class);
                client.expectNothing(Duration.ofMillis(700));
            }
            assertThat(client.isClosedByBroker()).isFalse();
            client.send(PingReq.INSTANCE);
            assertThat(client.receive(WAIT)).isInstanceOf(PingResp.class);
        }
    }

    @Test
    void anyPacketResetsTheKeepAlive() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "publisher-alive", true, 1);
            // [MQTT-3.1.2-22] (5.0): the timer counts time since the last Control Packet of any kind
            for (int i = 0; i < 5; i++) {
                client.send(Publish.qos0("keepalive/any", Payload.utf8("tick")));
                client.expectNothing(Duration.ofMillis(700));
            }
            assertThat(client.isClosedByBroker()).isFalse();
        }
    }

    @Test
    void keepAliveZeroTurnsTheTimeoutOff() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_3_1_1, "no-keepalive", true, 0);
            // §3.1.2.10: keep-alive 0 switches the mechanism off; 2 s of silence are fine
            client.expectNothing(Duration.ofSeconds(2));
            assertThat(client.isClosedByBroker()).isFalse();
            client.send(PingReq.INSTANCE);
            assertThat(client.receive(WAIT)).isInstanceOf(PingResp.class);
        }
    }
}
