package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UserProperty;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MQTT 5 message properties travel with the message; per-hop ones do not; 3.1.1 receivers get none. */
class MessagePropertiesTest {
    private final CoreHarness harness = new CoreHarness();
    private final TestClient publisher = harness.client(harness.loopB);

    MessagePropertiesTest() {
        publisher.connect(connect5("publisher"));
    }

    private static Properties applicationProperties() {
        return Properties.builder()
                .contentType("text/plain")
                .responseTopic("reply/here")
                .correlationData(new byte[] {7})
                .payloadFormatIndicator(1)
                .addUserProperty("k", "v")
                .build();
    }

    @Test
    void applicationPropertiesAreForwardedUnchanged() {
        TestClient sub = harness.client();
        sub.connect(connect5("s"));
        sub.send(subscribe(1, "t", 0));
        publisher.send(new Publish("t", 0, false, false, 0, applicationProperties(), Payload.utf8("x")));
        Properties received = sub.last(Publish.class).properties();
        assertThat(received.contentType()).isEqualTo("text/plain"); // [MQTT-3.3.2-20]
        assertThat(received.responseTopic()).isEqualTo("reply/here"); // [MQTT-3.3.2-15]
        assertThat(received.correlationData()).containsExactly(7); // [MQTT-3.3.2-16]
        assertThat(received.payloadFormatIndicator()).isEqualTo(1); // [MQTT-3.3.2-4]
        assertThat(received.userProperties()).containsExactly(new UserProperty("k", "v")); // [MQTT-3.3.2-17]
    }

    @Test
    void mqtt311SubscriberGetsNoProperties() {
        TestClient sub = harness.client();
        sub.connect(connect311("s"));
        sub.send(subscribe(1, "t", 0));
        publisher.send(new Publish("t", 0, false, false, 0, applicationProperties(), Payload.utf8("x")));
        assertThat(sub.last(Publish.class).properties()).isEqualTo(Properties.EMPTY);
    }

    @Test
    void messageExpiryIntervalIsReducedByTheTimeItWaited() {
        TestClient sub = harness.client();
        sub.connect(connect5(
                "s", false, Properties.builder().sessionExpiryInterval(600L).build()));
        sub.send(subscribe(1, "t", 1));
        sub.dropConnection();
        publisher.send(new Publish(
                "t",
                1,
                false,
                false,
                1,
                Properties.builder().messageExpiryInterval(100L).build(),
                Payload.utf8("x")));
        harness.advance(Duration.ofSeconds(30));
        TestClient back = harness.client();
        back.connect(connect5(
                "s", false, Properties.builder().sessionExpiryInterval(600L).build()));
        assertThat(back.last(Publish.class).properties().messageExpiryInterval())
                .isEqualTo(70L); // [MQTT-3.3.2-6]
    }

    @Test
    void topicAliasIsNotForwarded() {
        TestClient sub = harness.client();
        sub.connect(connect5("s"));
        sub.send(subscribe(1, "t", 0));
        publisher.send(new Publish(
                "t", 0, false, false, 0, Properties.builder().topicAlias(1).build(), Payload.EMPTY));
        assertThat(sub.last(Publish.class).properties().topicAlias()).isNull();
    }

    @Test
    void retainedMessageCarriesTheSubscriptionIdentifier() {
        publisher.send(new Publish("r", 0, false, true, 0, Properties.EMPTY, Payload.utf8("kept")));
        TestClient sub = harness.client();
        sub.connect(connect5("s"));
        sub.send(new Subscribe(
                1,
                List.of(Subscription.of("r", 0)),
                Properties.builder().addSubscriptionIdentifier(12).build()));
        assertThat(sub.last(Publish.class).properties().subscriptionIdentifiers())
                .containsExactly(12);
    }

    @Test
    void leadingWildcardDoesNotMatchDollarTopics() {
        TestClient sub = harness.client();
        sub.connect(connect311("s"));
        sub.send(subscribe(1, "#", 0));
        harness.core.publish(new io.cicada.broker.message.Message(
                "$SYS/broker/uptime", 0, false, Payload.utf8("1"), Properties.EMPTY, null, 0));
        harness.runAll();
        assertThat(sub.received(Publish.class)).isEmpty(); // [MQTT-4.7.2-1]
    }
}
