package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeFlowTest {
    private final CoreHarness harness = new CoreHarness();

    private TestClient connected5(String id) {
        TestClient client = harness.client();
        client.connect(connect5(id));
        return client;
    }

    private TestClient publisher() {
        TestClient pub = harness.client(harness.loopB);
        pub.connect(connect311("publisher"));
        return pub;
    }

    @Test
    void subAckGrantsTheRequestedQosPerFilter() {
        TestClient client = connected5("c");
        client.send(subscribe(4, Subscription.of("a", 0), Subscription.of("b", 1), Subscription.of("c", 2)));
        assertThat(client.last(SubAck.class)).isEqualTo(new SubAck(4, List.of(0, 1, 2), Properties.EMPTY));
    }

    @Test
    void grantedQosIsCappedByMaximumQos() {
        CoreHarness h = new CoreHarness(
                BrokerSettings.builder().sysIntervalSeconds(0).maximumQos(1).build());
        TestClient client = h.client();
        client.connect(connect311("c"));
        client.send(subscribe(1, "a", 2));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(1);
    }

    @Test
    void invalidFilterFailsOnlyThatFilter() {
        TestClient v5 = connected5("c");
        v5.send(subscribe(1, Subscription.of("a/#/b", 0), Subscription.of("ok", 1)));
        assertThat(v5.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID, 1);
        TestClient v3 = harness.client();
        v3.connect(connect311("d"));
        v3.send(subscribe(1, Subscription.of("a+", 0), Subscription.of("ok", 1)));
        assertThat(v3.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.V3_SUBACK_FAILURE, 1);
    }

    @Test
    void sharedSubscriptionsAreRefusedWhenSwitchedOff() {
        CoreHarness h = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .sharedSubscriptionsAvailable(false)
                .build());
        TestClient v5 = h.client();
        v5.connect(connect5("c"));
        v5.send(subscribe(1, "$share/g/a", 0));
        assertThat(v5.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED);
        TestClient v3 = h.client();
        v3.connect(connect311("d"));
        v3.send(subscribe(1, "$share/g/a", 0));
        assertThat(v3.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.V3_SUBACK_FAILURE);
    }

    @Test
    @Spec({"MQTT-3.8.3-4"})
    void noLocalOnASharedFilterIsAProtocolError() {
        TestClient v5 = connected5("c");
        v5.send(subscribe(1, new Subscription("$share/g/a", 0, true, false, 0)));
        assertThat(v5.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR); // [MQTT-3.8.3-4]
    }

    @Test
    void wildcardFiltersAreRefusedWhenUnavailable() {
        CoreHarness h = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .wildcardSubscriptionAvailable(false)
                .build());
        TestClient client = h.client();
        client.connect(connect5("c"));
        client.send(subscribe(1, Subscription.of("a/+", 0), Subscription.of("a/b", 0)));
        assertThat(client.last(SubAck.class).reasonCodes())
                .containsExactly(ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED, 0);
    }

    @Test
    void subscriptionIdentifierIsSentWithDeliveries() {
        TestClient client = connected5("c");
        client.send(new Subscribe(
                1,
                List.of(Subscription.of("a/#", 0)),
                Properties.builder().addSubscriptionIdentifier(42).build()));
        publisher().send(publish("a/b", 0, 0, "x"));
        assertThat(client.last(Publish.class).properties().subscriptionIdentifiers())
                .containsExactly(42);
    }

    @Test
    void subscriptionIdentifiersAreRefusedWhenUnavailable() {
        CoreHarness h = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .subscriptionIdentifiersAvailable(false)
                .build());
        TestClient client = h.client();
        client.connect(connect5("c"));
        client.send(new Subscribe(
                1,
                List.of(Subscription.of("a", 0)),
                Properties.builder().addSubscriptionIdentifier(1).build()));
        assertThat(client.last(Disconnect.class).reasonCode())
                .isEqualTo(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
    }

    @Test
    void resubscribingReplacesTheSubscriptionInsteadOfAddingOne() {
        TestClient client = connected5("c");
        client.send(subscribe(1, "a", 0));
        client.send(subscribe(2, "a", 1)); // [MQTT-3.8.4-3]
        publisher().send(publish("a", 1, 1, "x"));
        assertThat(client.received(Publish.class)).hasSize(1);
        assertThat(client.last(Publish.class).qos()).isEqualTo(1);
    }

    @Test
    void noLocalSubscriptionDoesNotReceiveItsOwnMessages() {
        TestClient client = connected5("c");
        client.send(subscribe(1, new Subscription("t", 0, true, false, 0)));
        client.send(publish("t", 0, 0, "own"));
        assertThat(client.received(Publish.class)).isEmpty(); // [MQTT-3.8.3-3]
        publisher().send(publish("t", 0, 0, "other"));
        assertThat(client.received(Publish.class)).hasSize(1);
    }

    @Test
    void withoutNoLocalAClientReceivesItsOwnMessages() {
        TestClient client = connected5("c");
        client.send(subscribe(1, "t", 0));
        client.send(publish("t", 0, 0, "own"));
        assertThat(client.received(Publish.class)).hasSize(1);
    }

    @Test
    void unsubscribeReportsPerFilterWhetherASubscriptionExisted() {
        TestClient client = connected5("c");
        client.send(subscribe(1, "a", 0));
        client.send(new Unsubscribe(2, List.of("a", "b"), Properties.EMPTY));
        assertThat(client.last(UnsubAck.class).reasonCodes())
                .containsExactly(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED);
        publisher().send(publish("a", 0, 0, "x"));
        assertThat(client.received(Publish.class)).isEmpty(); // [MQTT-3.10.4-2]
    }

    @Test
    void mqtt311UnsubAckHasNoReasonCodes() {
        TestClient client = harness.client();
        client.connect(connect311("c"));
        client.send(new Unsubscribe(2, List.of("never"), Properties.EMPTY));
        // [MQTT-3.10.4-5]
        assertThat(client.last(UnsubAck.class)).isEqualTo(new UnsubAck(2, List.of(), Properties.EMPTY));
    }

    @Test
    void unsubscribeWithAnInvalidFilterReports0x8FInMqtt5() {
        TestClient client = connected5("c");
        client.send(new Unsubscribe(3, List.of("a/#/b"), Properties.EMPTY));
        assertThat(client.last(UnsubAck.class).reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID);
    }

    @Test
    void unauthorizedFilterIsRefusedPerFilter() {
        io.cicada.broker.auth.Authorizer onlyPublic = new io.cicada.broker.auth.Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return true;
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return topicFilter.startsWith("public/");
            }
        };
        CoreHarness h = new CoreHarness(CoreHarness.SETTINGS, b -> b.authorizer(onlyPublic));
        TestClient v5 = h.client();
        v5.connect(connect5("a"));
        v5.send(subscribe(1, Subscription.of("secret/#", 0), Subscription.of("public/x", 0)));
        assertThat(v5.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.NOT_AUTHORIZED, 0);
        TestClient v3 = h.client();
        v3.connect(connect311("b"));
        v3.send(subscribe(1, "secret/#", 0));
        assertThat(v3.last(SubAck.class).reasonCodes()).containsExactly(ReasonCode.V3_SUBACK_FAILURE);
    }
}
