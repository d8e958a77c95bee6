package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.retained;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedDeliveryTest {
    private final CoreHarness harness = new CoreHarness();
    private final TestClient publisher = harness.client(harness.loopB);

    RetainedDeliveryTest() {
        publisher.connect(connect311("publisher"));
    }

    private TestClient subscriber5(Subscription subscription) {
        TestClient client = harness.client();
        client.connect(connect5("s"));
        client.send(subscribe(1, subscription));
        return client;
    }

    @Test
    void retainedMessageIsSentAfterTheSubAckWithRetainSet() {
        publisher.send(retained("a/b", 1, 1, "kept"));
        TestClient client = harness.client();
        client.connect(connect311("s"));
        client.send(subscribe(1, "a/#", 1));
        List<MqttPacket> received = client.received();
        assertThat(received.get(received.size() - 2)).isInstanceOf(SubAck.class);
        Publish publish = client.last(Publish.class);
        assertThat(publish.retain()).isTrue(); // [MQTT-3.3.1-8]
        assertThat(publish.payload().asUtf8()).isEqualTo("kept");
        assertThat(publish.qos()).isEqualTo(1);
    }

    @Test
    void retainedMessageIsReplacedAndClearedByAnEmptyPayload() {
        publisher.send(retained("t", 0, 0, "one"), retained("t", 0, 0, "two"));
        TestClient first = harness.client();
        first.connect(connect311("a"));
        first.send(subscribe(1, "t", 0));
        assertThat(first.received(Publish.class))
                .extracting(p -> p.payload().asUtf8())
                .containsExactly("two");
        publisher.send(retained("t", 0, 0, "")); // [MQTT-3.3.1-10]
        TestClient second = harness.client();
        second.connect(connect311("b"));
        second.send(subscribe(1, "t", 0));
        assertThat(second.received(Publish.class)).isEmpty();
    }

    @Test
    void liveDeliveryOfARetainedPublishHasRetainCleared() {
        TestClient client = harness.client();
        client.connect(connect311("s"));
        client.send(subscribe(1, "t", 0));
        publisher.send(retained("t", 0, 0, "live"));
        assertThat(client.last(Publish.class).retain()).isFalse(); // [MQTT-3.3.1-9]
    }

    @Test
    void retainAsPublishedKeepsTheFlagOnLiveDeliveries() {
        TestClient client = subscriber5(new Subscription("t", 0, false, true, 0));
        publisher.send(retained("t", 0, 0, "live"));
        assertThat(client.last(Publish.class).retain()).isTrue(); // [MQTT-3.3.1-12]
    }

    @Test
    void resubscribeWithRetainHandlingZeroSendsRetainedAgain() {
        publisher.send(retained("t", 0, 0, "kept"));
        TestClient client = subscriber5(new Subscription("t", 0, false, false, 0));
        client.send(subscribe(2, new Subscription("t", 0, false, false, 0))); // [MQTT-3.8.4-3]
        assertThat(client.received(Publish.class)).hasSize(2);
    }

    @Test
    void retainHandlingOneSendsOnlyForANewSubscription() {
        publisher.send(retained("t", 0, 0, "kept"));
        TestClient client = subscriber5(new Subscription("t", 0, false, false, 1));
        client.send(subscribe(2, new Subscription("t", 0, false, false, 1)));
        assertThat(client.received(Publish.class)).hasSize(1);
    }

    @Test
    void retainHandlingTwoNeverSends() {
        publisher.send(retained("t", 0, 0, "kept"));
        TestClient client = subscriber5(new Subscription("t", 0, false, false, 2));
        assertThat(client.received(Publish.class)).isEmpty();
    }
}
