package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wildcard subscriptions, subscription identifiers and shared subscriptions switched off in the settings. */
class SubscriptionFeaturesDisabledTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.wildcardSubscriptionAvailable(false)
            .subscriptionIdentifiersAvailable(false)
            .sharedSubscriptionsAvailable(false));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void connAckSaysWildcardsAndIdentifiersAreUnavailable() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "nofeat-ack", true, 60);
            // 5.0 §3.2.2.3.12 / §3.2.2.3.13
            assertThat(ack.properties().wildcardSubscriptionAvailable()).isEqualTo(0);
            assertThat(ack.properties().subscriptionIdentifierAvailable()).isEqualTo(0);
        }
    }

    @Test
    void wildcardFilterGetsWildcardSubscriptionsNotSupported() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "nofeat-wild", true, 60);
            // 5.0 §3.9.3: 0xA2 Wildcard Subscriptions not supported; exact filters still work
            assertThat(client.subscribe(Subscription.of("a/+", 0), Subscription.of("a/b", 0))
                            .reasonCodes())
                    .containsExactly(ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED, 0);
        }
    }

    @Test
    void subscriptionIdentifierIsAProtocolErrorWhenUnavailable() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "nofeat-id", true, 60);
            client.send(new Subscribe(
                    1,
                    List.of(Subscription.of("a/b", 0)),
                    Properties.builder().addSubscriptionIdentifier(5).build()));
            // 5.0 §3.2.2.3.13: Subscription Identifiers unsupported: DISCONNECT 0xA1 (or SUBACK 0xA1)
            MqttPacket answer = client.receive(WAIT);
            if (answer instanceof Disconnect d) {
                assertThat(d.reasonCode()).isEqualTo(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
            } else {
                assertThat(answer).isInstanceOf(SubAck.class);
                assertThat(((SubAck) answer).reasonCodes())
                        .containsExactly(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
            }
        }
    }

    @Test
    void sharedFilterGetsSharedSubscriptionsNotSupported() {
        try (RawMqttClient v5 = broker.rawClient();
                RawMqttClient v3 = broker.rawClient()) {
            ConnAck ack = v5.connect(MqttVersion.MQTT_5, "nofeat-share-5", true, 60);
            assertThat(ack.properties().sharedSubscriptionAvailable()).isEqualTo(0); // 5.0 §3.2.2.3.15
            v3.connect(MqttVersion.MQTT_3_1_1, "nofeat-share-3", true, 60);
            // 5.0 §4.8.2: Shared Subscription Available 0: SUBACK 0x9E; 3.1.1 has only 0x80
            assertThat(v5.subscribe("$share/g/t", 1).reasonCodes())
                    .containsExactly(ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED);
            assertThat(v3.subscribe("$share/g/t", 1).reasonCodes()).containsExactly(ReasonCode.V3_SUBACK_FAILURE);
        }
    }
}
