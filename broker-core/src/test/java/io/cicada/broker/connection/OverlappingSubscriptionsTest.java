package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client whose filters overlap gets ONE delivery at the highest matching QoS: required in MQTT 5 [MQTT-3.3.4-2],
 * chosen for MQTT 3.1.1 as [MQTT-3.3.5-1] allows.
 */
class OverlappingSubscriptionsTest {
    private final CoreHarness harness = new CoreHarness();

    private void publishFromAnotherClient(int qos) {
        TestClient pub = harness.client(harness.loopB);
        pub.connect(connect311("publisher"));
        pub.send(publish("a/b", qos, 1, "x"));
    }

    @Test
    void mqtt5GetsOneDeliveryAtTheHighestQosWithEveryIdentifier() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(new Subscribe(
                1,
                List.of(Subscription.of("a/+", 0)),
                Properties.builder().addSubscriptionIdentifier(1).build()));
        client.send(new Subscribe(
                2,
                List.of(Subscription.of("a/#", 2)),
                Properties.builder().addSubscriptionIdentifier(2).build()));
        publishFromAnotherClient(2);
        List<Publish> received = client.received(Publish.class);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).qos()).isEqualTo(2); // [MQTT-3.3.4-2]
        // [MQTT-3.3.4-3]
        assertThat(received.get(0).properties().subscriptionIdentifiers()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void mqtt311AlsoGetsOneDeliveryAtTheHighestQos() {
        TestClient client = harness.client();
        client.connect(connect311("c"));
        client.send(new Subscribe(1, List.of(Subscription.of("a/+", 1), Subscription.of("#", 0)), Properties.EMPTY));
        publishFromAnotherClient(1);
        List<Publish> received = client.received(Publish.class);
        assertThat(received).hasSize(1); // [MQTT-3.3.5-1] permits one copy; Cicada chooses it
        assertThat(received.get(0).qos()).isEqualTo(1);
        assertThat(received.get(0).properties()).isEqualTo(Properties.EMPTY);
    }
}
