package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect;
import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.will;
import static io.cicada.broker.connection.Packets.withKeepAlive;
import static io.cicada.broker.connection.Packets.withUser;
import static io.cicada.broker.connection.Packets.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.auth.Authenticator;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConnectFlowTest {

    private static CoreHarness harness(BrokerSettings.Builder settings) {
        return new CoreHarness(settings.sysIntervalSeconds(0).build());
    }

    @Test
    void mqtt311ConnectIsAcceptedWithSessionPresentZero() {
        TestClient client = new CoreHarness().client();
        ConnAck ack = client.connect(connect311("c1"));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
        assertThat(ack.sessionPresent()).isFalse(); // [MQTT-3.2.2-2]
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void mqtt5ConnAckAdvertisesTheDefaultLimits() {
        ConnAck ack = new CoreHarness().client().connect(connect5("c1"));
        Properties p = ack.properties();
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(p.receiveMaximum()).isNull(); // absent = 65535; Paho 1.2.5 fails when it is sent explicitly
        assertThat(p.topicAliasMaximum()).isEqualTo(10);
        assertThat(p.sharedSubscriptionAvailable()).isNull(); // absent = available
        assertThat(p.maximumQos()).isNull();
        assertThat(p.retainAvailable()).isNull();
        assertThat(p.wildcardSubscriptionAvailable()).isNull();
        assertThat(p.maximumPacketSize()).isNull();
        assertThat(p.assignedClientIdentifier()).isNull();
    }

    @Test
    void mqtt5ConnAckAdvertisesReducedFeatures() {
        CoreHarness h = harness(BrokerSettings.builder()
                .maximumQos(1)
                .retainAvailable(false)
                .wildcardSubscriptionAvailable(false)
                .subscriptionIdentifiersAvailable(false)
                .maxPacketSize(1024)
                .receiveMaximum(20)
                .topicAliasMaximum(0));
        Properties p = h.client().connect(connect5("c1")).properties();
        assertThat(p.maximumQos()).isEqualTo(1);
        assertThat(p.retainAvailable()).isEqualTo(0);
        assertThat(p.wildcardSubscriptionAvailable()).isEqualTo(0);
        assertThat(p.subscriptionIdentifierAvailable()).isEqualTo(0);
        assertThat(p.maximumPacketSize()).isEqualTo(1024L);
        assertThat(p.receiveMaximum()).isEqualTo(20);
        assertThat(p.topicAliasMaximum()).isNull();
    }

    @Test
    void mqtt5EmptyClientIdIsAssignedAndReturned() {
        ConnAck ack = new CoreHarness().client().connect(connect5(""));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.properties().assignedClientIdentifier()).startsWith("auto-"); // [MQTT-3.2.2-16]
    }

    @Test
    void mqtt311EmptyClientIdWithCleanSessionIsAccepted() {
        ConnAck ack = new CoreHarness().client().connect(connect(MqttVersion.MQTT_3_1_1, "", true));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED); // [MQTT-3.1.3-6]
    }

    @Test
    void mqtt311EmptyClientIdWithoutCleanSessionIsRejected() {
        TestClient client = new CoreHarness().client();
        ConnAck ack = client.connect(connect(MqttVersion.MQTT_3_1_1, "", false));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED); // [MQTT-3.1.3-8]
        assertThat(ack.sessionPresent()).isFalse(); // [MQTT-3.2.2-4]
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void mqtt31EmptyClientIdIsRejected() {
        ConnAck ack = new CoreHarness().client().connect(connect(MqttVersion.MQTT_3_1, "", true));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
    }

    @Test
    void emptyClientIdIsRefusedWhenNotAllowed() {
        CoreHarness h = harness(BrokerSettings.builder().allowEmptyClientId(false));
        assertThat(h.client().connect(connect5("")).reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    void tooLongClientIdIsRefused() {
        CoreHarness h = harness(BrokerSettings.builder().maxClientIdLength(23));
        String id = "x".repeat(24);
        assertThat(h.client().connect(connect5(id)).reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(h.client().connect(connect311(id)).reasonCode()).isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
    }

    @Test
    void anonymousClientsAreRefusedWhenNotAllowed() {
        CoreHarness h = harness(BrokerSettings.builder().allowAnonymous(false));
        assertThat(h.client().connect(connect5("a")).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(h.client().connect(connect311("b")).reasonCode()).isEqualTo(ReasonCode.V3_NOT_AUTHORIZED);
        assertThat(h.client().connect(withUser(connect311("c"), "user", "pw")).reasonCode())
                .isEqualTo(ReasonCode.V3_ACCEPTED);
    }

    @Test
    void authenticatorRefusalIsReportedInEachVersionsCode() {
        Authenticator refuseAll =
                credentials -> CompletableFuture.completedFuture(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        CoreHarness h = new CoreHarness(CoreHarness.SETTINGS, b -> b.authenticator(refuseAll));
        assertThat(h.client().connect(connect5("a")).reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(h.client().connect(connect311("b")).reasonCode()).isEqualTo(ReasonCode.V3_BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void asynchronousAuthenticatorCompletesOnTheEventLoop() {
        CompletableFuture<Integer> decision = new CompletableFuture<>();
        CoreHarness h = new CoreHarness(CoreHarness.SETTINGS, b -> b.authenticator(credentials -> decision));
        TestClient client = h.client();
        client.send(connect5("a"));
        assertThat(client.received()).isEmpty();
        decision.complete(ReasonCode.SUCCESS);
        h.runAll();
        assertThat(client.last(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    void authenticationMethodIsRefusedUntilEnhancedAuthExists() {
        Connect connect = connect5(
                "a",
                true,
                Properties.builder().authenticationMethod("SCRAM-SHA-1").build());
        assertThat(new CoreHarness().client().connect(connect).reasonCode())
                .isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
    }

    @Test
    void invalidWillTopicIsRefusedInMqtt5AndClosedInMqtt311() {
        CoreHarness h = new CoreHarness();
        assertThat(h.client().connect(withWill(connect5("a"), will("a/+", "x"))).reasonCode())
                .isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        TestClient v3 = h.client();
        v3.send(withWill(connect311("b"), will("a/#", "x")));
        assertThat(v3.received()).isEmpty();
        assertThat(v3.isClosed()).isTrue();
    }

    @Test
    void willAboveMaximumQosOrRetainedWithoutRetainIsRefused() {
        CoreHarness h = harness(BrokerSettings.builder().maximumQos(1).retainAvailable(false));
        Will qos2 = new Will("w", Payload.utf8("x"), 2, false, Properties.EMPTY);
        Will retained = new Will("w", Payload.utf8("x"), 0, true, Properties.EMPTY);
        assertThat(h.client().connect(withWill(connect5("a"), qos2)).reasonCode())
                .isEqualTo(ReasonCode.QOS_NOT_SUPPORTED); // [MQTT-3.2.2-12]
        assertThat(h.client().connect(withWill(connect5("b"), retained)).reasonCode())
                .isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED); // [MQTT-3.2.2-13]
    }

    @Test
    void willOnSysTopicIsNotAuthorized() {
        ConnAck ack = new CoreHarness().client().connect(withWill(connect5("a"), will("$SYS/x", "x")));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void keepAliveAboveTheMaximumGetsServerKeepAliveInMqtt5AndRefusalInMqtt311() {
        CoreHarness h = harness(BrokerSettings.builder().maxKeepAliveSeconds(30));
        ConnAck v5 = h.client().connect(withKeepAlive(connect5("a"), 60));
        assertThat(v5.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(v5.properties().serverKeepAlive()).isEqualTo(30);
        assertThat(h.client().connect(withKeepAlive(connect311("b"), 60)).reasonCode())
                .isEqualTo(ReasonCode.V3_IDENTIFIER_REJECTED);
        assertThat(h.client()
                        .connect(withKeepAlive(connect5("c"), 20))
                        .properties()
                        .serverKeepAlive())
                .isNull();
    }

    @Test
    void sessionExpiryAboveTheMaximumIsCappedAndReported() {
        CoreHarness h = harness(BrokerSettings.builder().maxSessionExpirySeconds(100));
        ConnAck ack = h.client()
                .connect(connect5(
                        "a",
                        true,
                        Properties.builder().sessionExpiryInterval(500L).build()));
        assertThat(ack.properties().sessionExpiryInterval()).isEqualTo(100L);
        ConnAck within = h.client()
                .connect(connect5(
                        "b",
                        true,
                        Properties.builder().sessionExpiryInterval(50L).build()));
        assertThat(within.properties().sessionExpiryInterval()).isNull();
    }

    @Test
    void sessionPresentIsOneWhenAnExistingSessionIsResumed() {
        CoreHarness h = new CoreHarness();
        TestClient first = h.client();
        first.connect(connect(MqttVersion.MQTT_3_1_1, "p", false));
        first.dropConnection();
        ConnAck resumed = h.client().connect(connect(MqttVersion.MQTT_3_1_1, "p", false));
        assertThat(resumed.sessionPresent()).isTrue(); // [MQTT-3.2.2-3]
        ConnAck clean = h.client().connect(connect(MqttVersion.MQTT_3_1_1, "p", true));
        assertThat(clean.sessionPresent()).isFalse(); // [MQTT-3.2.2-2]
    }

    @Test
    void cleanSessionIsNotKeptAfterDisconnect() {
        CoreHarness h = new CoreHarness();
        TestClient first = h.client();
        first.connect(connect(MqttVersion.MQTT_3_1_1, "p", true));
        first.dropConnection();
        assertThat(h.client()
                        .connect(connect(MqttVersion.MQTT_3_1_1, "p", false))
                        .sessionPresent())
                .isFalse();
    }

    @Test
    void mqtt31AcceptsClientIdsLongerThan23LikeMqtt311() {
        ConnAck ack = new CoreHarness().client().connect(connect(MqttVersion.MQTT_3_1, "x".repeat(40), true));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.V3_ACCEPTED);
    }

    @Test
    void throwingAuthenticatorRefusesTheConnectInsteadOfBreakingTheConnection() {
        Authenticator broken = credentials -> {
            throw new IllegalStateException("back end down");
        };
        CoreHarness h = new CoreHarness(CoreHarness.SETTINGS, b -> b.authenticator(broken));
        assertThat(h.client().connect(connect311("a")).reasonCode()).isEqualTo(ReasonCode.V3_SERVER_UNAVAILABLE);
    }
}
