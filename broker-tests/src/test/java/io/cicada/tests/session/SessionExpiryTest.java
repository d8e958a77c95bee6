package io.cicada.tests.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 Session Expiry Interval: sessions that outlive the connection, expire, are capped, and DISCONNECT rules. */
class SessionExpiryTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxSessionExpirySeconds(100));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sessionWithExpiryIsResumedWithHivemq() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "expiry-resume");
        assertThat(client.connectWith()
                        .cleanStart(true)
                        .sessionExpiryInterval(60)
                        .send()
                        .isSessionPresent())
                .isFalse();
        client.subscribeWith()
                .topicFilter("expiry/t")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        client.disconnect();
        // [MQTT-3.2.2-2] clean start 0 with a stored session: Session Present 1
        assertThat(client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(60)
                        .send()
                        .isSessionPresent())
                .isTrue();
        client.disconnect();
    }

    @Test
    void sessionExpiryZeroEndsTheSessionWithTheConnection() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "expiry-zero", false, 60);
            client.send(Disconnect.NORMAL);
        }
        try (RawMqttClient client = broker.rawClient()) {
            // 5.0 §3.1.2.11.2: absent Session Expiry Interval = 0: the session ends when the connection closes
            assertThat(client.connect(MqttVersion.MQTT_5, "expiry-zero", false, 60)
                            .sessionPresent())
                    .isFalse();
        }
    }

    @Test
    void sessionIsGoneAfterItsExpiryInterval() {
        // the will (delay longer than the session) is published when the session ends: the observable expiry event
        Mqtt5BlockingClient watcher = ThirdPartyClients.hivemq5(broker, "expiry-watch");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes ends = ThirdPartyClients.publishes(watcher)) {
            watcher.subscribeWith().topicFilter("expiry/ended").send();
            RawMqttClient client = broker.rawClient();
            client.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "expiry-1s",
                    true,
                    60,
                    null,
                    null,
                    new Will(
                            "expiry/ended",
                            Payload.utf8("x"),
                            0,
                            false,
                            Properties.builder().willDelayInterval(60L).build()),
                    Properties.builder().sessionExpiryInterval(1L).build()));
            client.subscribe("expiry/data", 1);
            client.close();
            ThirdPartyClients.next(ends);
            try (RawMqttClient again = broker.rawClient()) {
                // [MQTT-3.1.2-23] [MQTT-4.1.0-2] the session is kept only for the Session Expiry Interval after the
                // close
                assertThat(again.connect(MqttVersion.MQTT_5, "expiry-1s", false, 60)
                                .sessionPresent())
                        .isFalse();
            }
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void sessionExpiryAboveTheMaximumIsCappedInConnAck() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(new Connect(
                    MqttVersion.MQTT_5,
                    "expiry-cap",
                    true,
                    60,
                    null,
                    null,
                    null,
                    Properties.builder().sessionExpiryInterval(1_000L).build()));
            // 5.0 §3.2.2.3.2: the server sends the Session Expiry Interval it uses when it differs
            assertThat(ack.properties().sessionExpiryInterval()).isEqualTo(100L);
        }
    }

    @Test
    void disconnectCanShortenTheSessionExpiryToZero() {
        Connect persistent = new Connect(
                MqttVersion.MQTT_5,
                "expiry-shorten",
                false,
                60,
                null,
                null,
                null,
                Properties.builder().sessionExpiryInterval(60L).build());
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(persistent);
            client.send(new Disconnect(
                    ReasonCode.NORMAL_DISCONNECTION,
                    Properties.builder().sessionExpiryInterval(0L).build()));
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
        try (RawMqttClient client = broker.rawClient()) {
            // 5.0 §3.14.2.2.2: the DISCONNECT's Session Expiry Interval replaces the CONNECT's: 0 ends it now
            assertThat(client.connect(persistent).sessionPresent()).isFalse();
        }
    }

    @Test
    void disconnectChangingSessionExpiryFromZeroIsAProtocolError() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "expiry-change", true, 60);
            client.send(new Disconnect(
                    ReasonCode.NORMAL_DISCONNECTION,
                    Properties.builder().sessionExpiryInterval(30L).build()));
            // [MQTT-3.14.2-2] Session Expiry 0 in CONNECT, non-zero in DISCONNECT: protocol error, DISCONNECT 0x82
            Disconnect answer = client.receive(Disconnect.class, WAIT);
            assertThat(answer.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }
}
