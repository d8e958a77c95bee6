package io.cicada.tests.will;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The will message: published when a connection ends abnormally, discarded after a normal DISCONNECT. */
class WillMessageTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private Mqtt5BlockingClient watcher;
    private Mqtt5BlockingClient.Mqtt5Publishes wills;

    @BeforeEach
    void watchWills() {
        watcher = ThirdPartyClients.hivemq5(broker, "will-watcher");
        watcher.connect();
        wills = ThirdPartyClients.publishes(watcher);
        watcher.subscribeWith().topicFilter("will/#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void stopWatching() {
        wills.close();
        watcher.disconnect();
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1", "MQTT_3_1_1", "MQTT_5"})
    void willIsPublishedWhenTheConnectionDropsWithoutDisconnect(MqttVersion version) {
        RawMqttClient client = broker.rawClient();
        client.connect(withWill(version, "will-drop-" + version.level(), "will/drop/" + version.level(), 1, 0));
        client.close(); // abnormal: socket closed without DISCONNECT
        // [MQTT-3.1.2-8] the will message MUST be published when the network connection is closed abnormally
        Mqtt5Publish will = ThirdPartyClients.next(wills);
        assertThat(will.getTopic().toString()).isEqualTo("will/drop/" + version.level());
        assertThat(ThirdPartyClients.utf8(will)).isEqualTo("gone");
        assertThat(will.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void willIsNotPublishedAfterNormalDisconnect(MqttVersion version) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(withWill(version, "will-normal-" + version.level(), "will/normal", 0, 0));
            client.send(Disconnect.NORMAL);
            client.awaitClosed(ThirdPartyClients.TIMEOUT);
        }
        // [MQTT-3.1.2-10] the will message MUST be removed on receipt of DISCONNECT (5.0: reason 0x00)
        ThirdPartyClients.expectNoMessage(wills);
    }

    @Test
    void disconnectWithWillMessageReasonPublishesTheWill() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(withWill(MqttVersion.MQTT_5, "will-0x04", "will/0x04", 0, 0));
            client.send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, Properties.EMPTY));
            // 5.0 §3.14.2.1: 0x04 Disconnect with Will Message: the server publishes the will
            assertThat(ThirdPartyClients.utf8(ThirdPartyClients.next(wills))).isEqualTo("gone");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void willIsPublishedAfterAProtocolError(MqttVersion version) {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(withWill(version, "will-err-" + version.level(), "will/error", 0, 0));
            client.sendHex("C0 01 00"); // PINGREQ with a body: malformed
            client.awaitClosed(ThirdPartyClients.TIMEOUT);
            // [MQTT-3.1.2-8] (3.1.1 §3.1.2.5: the server closes the connection because of a protocol error)
            assertThat(ThirdPartyClients.next(wills).getTopic().toString()).isEqualTo("will/error");
        }
    }

    @Test
    void willIsPublishedAfterAKeepAliveTimeout() {
        try (RawMqttClient client = broker.rawClient()) {
            Connect connect = withWill(MqttVersion.MQTT_3_1_1, "will-silent", "will/silent", 0, 0);
            client.connect(new Connect(
                    connect.version(), connect.clientId(), true, 1, null, null, connect.will(), Properties.EMPTY));
            // [MQTT-3.1.2-24] silent for 1.5 × keep-alive: closed by the server, so the will goes out [MQTT-3.1.2-8]
            assertThat(ThirdPartyClients.next(wills).getTopic().toString()).isEqualTo("will/silent");
            assertThat(client.awaitClosed(ThirdPartyClients.TIMEOUT)).isTrue();
        }
    }

    @Test
    void willIsPublishedWhenTheSessionIsTakenOver() {
        try (RawMqttClient first = broker.rawClient();
                RawMqttClient second = broker.rawClient()) {
            first.connect(withWill(MqttVersion.MQTT_5, "will-takeover", "will/takeover", 0, 0));
            second.connect(MqttVersion.MQTT_5, "will-takeover", true, 60);
            // 5.0 §3.1.2.5: the connection was closed without DISCONNECT 0x00 and no will delay: will published
            assertThat(ThirdPartyClients.next(wills).getTopic().toString()).isEqualTo("will/takeover");
        }
    }

    @Test
    void retainedWillIsRetained() {
        // a topic outside will/#, so the retained will does not reach the other tests' watcher
        try (RawMqttClient first = broker.rawClient()) {
            first.connect(MqttVersion.MQTT_3_1_1, "will-first", true, 60);
            first.subscribe("lastwill/retained", 1);
            RawMqttClient client = broker.rawClient();
            client.connect(new Connect(
                    MqttVersion.MQTT_3_1_1,
                    "will-retain",
                    true,
                    60,
                    null,
                    null,
                    new Will("lastwill/retained", Payload.utf8("last words"), 1, true, Properties.EMPTY),
                    Properties.EMPTY));
            client.close();
            first.receive(Publish.class, ThirdPartyClients.TIMEOUT); // the will went out
        }
        Mqtt5BlockingClient late = ThirdPartyClients.hivemq5(broker, "will-late");
        late.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(late)) {
            late.subscribeWith().topicFilter("lastwill/retained").send();
            Mqtt5Publish message = ThirdPartyClients.next(received);
            // [MQTT-3.1.2-17] will retain 1: the will is published as a retained message
            assertThat(message.isRetain()).isTrue();
            assertThat(ThirdPartyClients.utf8(message)).isEqualTo("last words");
        } finally {
            late.disconnect();
        }
    }

    static Connect withWill(MqttVersion version, String clientId, String topic, int qos, long delaySeconds) {
        Properties willProperties = version.isV5() && delaySeconds > 0
                ? Properties.builder().willDelayInterval(delaySeconds).build()
                : Properties.EMPTY;
        return new Connect(
                version,
                clientId,
                true,
                60,
                null,
                null,
                new Will(topic, Payload.utf8("gone"), qos, false, willProperties),
                Properties.EMPTY);
    }
}
