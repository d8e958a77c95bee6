package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.auth.Authorizer;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.spec.Spec;
import org.junit.jupiter.api.Test;

/**
 * Payload Format Indicator validation, Request Response Information, Request Problem Information and Reason Strings,
 * and server redirection.
 */
class Mqtt5InformationTest {
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};

    private final CoreHarness harness = new CoreHarness();

    private static Publish marked(int qos, int packetId, byte[] payload) {
        return new Publish(
                "pfi/t",
                qos,
                false,
                false,
                packetId,
                Properties.builder().payloadFormatIndicator(1).build(),
                Payload.wrap(payload));
    }

    private TestClient subscriber() {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(connect5("sub"));
        sub.send(subscribe(1, "pfi/#", 1));
        return sub;
    }

    @Test
    void payloadMarkedUtf8ThatIsNotIsRefusedWith0x99AndNotRouted() {
        TestClient sub = subscriber();
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        pub.send(marked(1, 1, NOT_UTF8), marked(2, 2, NOT_UTF8), marked(1, 3, "fine ü".getBytes()));
        assertThat(pub.received(PubAck.class).get(0).reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(pub.received(PubAck.class).get(0).properties().reasonString())
                .isNotBlank();
        assertThat(pub.last(PubRec.class).reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(pub.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(sub.received(Publish.class))
                .singleElement()
                .satisfies(p -> assertThat(p.payload().asUtf8()).isEqualTo("fine ü"));
    }

    @Test
    void qos0PayloadMarkedUtf8ThatIsNotEndsTheConnectionWith0x99() {
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        pub.send(marked(0, 0, NOT_UTF8));
        assertThat(pub.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(pub.isClosed()).isTrue();
    }

    @Test
    void unmarkedBinaryPayloadIsFineAndMqtt311IsNotChecked() {
        TestClient sub = subscriber();
        TestClient v5 = harness.client();
        v5.connect(connect5("v5"));
        v5.send(new Publish("pfi/t", 1, false, false, 1, Properties.EMPTY, Payload.wrap(NOT_UTF8)));
        assertThat(v5.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(sub.received(Publish.class)).hasSize(1);
    }

    @Test
    void willMarkedUtf8ThatIsNotIsRefusedInConnAck() {
        TestClient client = harness.client();
        Will will = new Will(
                "w",
                Payload.wrap(NOT_UTF8),
                0,
                false,
                Properties.builder().payloadFormatIndicator(1).build());
        ConnAck ack =
                client.connect(new Connect(MqttVersion.MQTT_5, "w", true, 60, null, null, will, Properties.EMPTY));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
    }

    @Test
    @Spec({"MQTT-3.1.2-28"})
    void responseInformationOnlyWhenRequestedAndConfigured() {
        CoreHarness configured = new CoreHarness(
                CoreHarness.SETTINGS,
                b -> b.mqtt5(Mqtt5Settings.builder()
                        .responseInformation("reply/{clientid}/")
                        .build()));
        ConnAck asked = configured
                .client()
                .connect(connect5(
                        "asker",
                        true,
                        Properties.builder().requestResponseInformation(1).build()));
        assertThat(asked.properties().responseInformation()).isEqualTo("reply/asker/");
        // [MQTT-3.1.2-28] 0 (or absent): no Response Information
        ConnAck notAsked = configured
                .client()
                .connect(connect5(
                        "quiet",
                        true,
                        Properties.builder().requestResponseInformation(0).build()));
        assertThat(notAsked.properties().responseInformation()).isNull();
        ConnAck unconfigured = harness.client()
                .connect(connect5(
                        "asker",
                        true,
                        Properties.builder().requestResponseInformation(1).build()));
        assertThat(unconfigured.properties().responseInformation()).isNull();
    }

    @Test
    @Spec({"MQTT-3.1.2-29"})
    void reasonStringsOnAcknowledgementsOnlyWithProblemInformation() {
        Authorizer denyPublish = new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return false;
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return true;
            }
        };
        CoreHarness h = new CoreHarness(CoreHarness.SETTINGS, b -> b.authorizer(denyPublish));
        TestClient wants = h.client();
        wants.connect(connect5("wants"));
        wants.send(Packets.publish("t", 1, 1, "x"));
        assertThat(wants.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(wants.last(PubAck.class).properties().reasonString()).contains("not authorized");
        TestClient declines = h.client();
        declines.connect(connect5(
                "declines",
                true,
                Properties.builder().requestProblemInformation(0).build()));
        declines.send(Packets.publish("t", 1, 1, "x"));
        assertThat(declines.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        // [MQTT-3.1.2-29] no Reason String on anything but PUBLISH, CONNACK and DISCONNECT
        assertThat(declines.last(PubAck.class).properties().reasonString()).isNull();
    }

    @Test
    void serverDisconnectCarriesAReasonString() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(io.cicada.mqtt.packet.PingResp.INSTANCE);
        Disconnect disconnect = client.last(Disconnect.class);
        assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(disconnect.properties().reasonString()).contains("PINGRESP");
    }

    @Test
    void configuredRedirectionRefusesEveryConnectWithTheServerReference() {
        CoreHarness redirecting = new CoreHarness(
                CoreHarness.SETTINGS,
                b -> b.mqtt5(Mqtt5Settings.builder().redirectTo("other:1883").build()));
        ConnAck v5 = redirecting.client().connect(connect5("c"));
        assertThat(v5.reasonCode()).isEqualTo(ReasonCode.USE_ANOTHER_SERVER);
        assertThat(v5.properties().serverReference()).isEqualTo("other:1883");
        ConnAck v3 = redirecting.client().connect(connect311("d"));
        assertThat(v3.reasonCode()).isEqualTo(ReasonCode.V3_SERVER_UNAVAILABLE);
    }

    @Test
    void drainingRedirectsConnectedClientsAndNewOnes() {
        TestClient v5 = harness.client();
        v5.connect(connect5("c"));
        TestClient v3 = harness.client();
        v3.connect(connect311("d"));
        harness.core.redirect("next:1883", true);
        harness.runAll();
        Disconnect disconnect = v5.last(Disconnect.class);
        assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED);
        assertThat(disconnect.properties().serverReference()).isEqualTo("next:1883");
        assertThat(v5.isClosed()).isTrue();
        assertThat(v3.isClosed()).isTrue();
        ConnAck refused = harness.client().connect(connect5("e"));
        assertThat(refused.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED);
        assertThat(refused.properties().serverReference()).isEqualTo("next:1883");
        harness.core.redirect(null, false);
        assertThat(harness.client().connect(connect5("f")).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
    }
}
