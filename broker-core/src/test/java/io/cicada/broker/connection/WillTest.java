package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect;
import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.subscribe;
import static io.cicada.broker.connection.Packets.will;
import static io.cicada.broker.connection.Packets.withKeepAlive;
import static io.cicada.broker.connection.Packets.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Will;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the connection's will is published, end to end through the connection (WillSchedulerTest has the unit). */
class WillTest {
    private final CoreHarness harness = new CoreHarness();
    private final TestClient watcher = harness.client(harness.loopB);

    WillTest() {
        watcher.connect(connect311("watcher"));
        watcher.send(subscribe(1, "will/#", 0));
    }

    private List<Publish> wills() {
        return watcher.received(Publish.class);
    }

    private static Connect v5WithDelay(String id, long delaySeconds, long sessionExpiry) {
        Will will = new Will(
                "will/" + id,
                Payload.utf8("gone"),
                0,
                false,
                Properties.builder().willDelayInterval(delaySeconds).build());
        return withWill(
                connect5(
                        id,
                        false,
                        Properties.builder()
                                .sessionExpiryInterval(sessionExpiry)
                                .build()),
                will);
    }

    @Test
    void willIsPublishedWhenTheConnectionIsLost() {
        TestClient client = harness.client();
        client.connect(withWill(connect311("c"), will("will/c", "gone")));
        client.dropConnection(); // [MQTT-3.1.2-8]
        assertThat(wills()).extracting(Publish::topic).containsExactly("will/c");
    }

    @Test
    void willIsNotPublishedAfterANormalDisconnect() {
        TestClient client = harness.client();
        client.connect(withWill(connect311("c"), will("will/c", "gone")));
        client.send(Disconnect.NORMAL); // [MQTT-3.1.2-10]
        client.dropConnection();
        assertThat(wills()).isEmpty();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void mqtt5DisconnectWithWillMessageSendsIt() {
        TestClient client = harness.client();
        client.connect(withWill(connect5("c"), will("will/c", "gone")));
        client.send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, Properties.EMPTY));
        assertThat(wills()).hasSize(1);
    }

    @Test
    void willIsPublishedOnKeepAliveTimeout() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(withWill(connect311("c"), will("will/c", "gone")), 1));
        harness.advance(Duration.ofSeconds(2));
        assertThat(wills()).hasSize(1);
    }

    @Test
    void willIsPublishedOnAProtocolError() {
        TestClient client = harness.client();
        client.connect(withWill(connect5("c"), will("will/c", "gone")));
        client.send(new SubAck(1, List.of(0), Properties.EMPTY));
        assertThat(wills()).hasSize(1);
    }

    @Test
    void willDelayHoldsTheWillUntilItPasses() {
        TestClient client = harness.client();
        client.connect(v5WithDelay("c", 5, 100));
        client.dropConnection();
        harness.advance(Duration.ofSeconds(4));
        assertThat(wills()).isEmpty();
        harness.advance(Duration.ofSeconds(2));
        assertThat(wills()).hasSize(1);
    }

    @Test
    void reconnectingWithinTheWillDelayCancelsTheWill() {
        TestClient client = harness.client();
        client.connect(v5WithDelay("c", 5, 100));
        client.dropConnection();
        harness.advance(Duration.ofSeconds(2));
        harness.client()
                .connect(connect5(
                        "c",
                        false,
                        Properties.builder().sessionExpiryInterval(100L).build()));
        harness.advance(Duration.ofSeconds(10)); // [MQTT-3.1.3-9]
        assertThat(wills()).isEmpty();
    }

    @Test
    void willIsPublishedWhenTheSessionEndsBeforeTheDelay() {
        TestClient client = harness.client();
        client.connect(v5WithDelay("c", 60, 3));
        client.dropConnection();
        harness.advance(Duration.ofSeconds(4));
        assertThat(wills()).hasSize(1);
    }

    @Test
    void takeoverPublishesTheWillOfTheOldConnection() {
        TestClient old = harness.client();
        old.connect(withWill(connect(MqttVersion.MQTT_3_1_1, "c", false), will("will/c", "gone")));
        harness.client().connect(connect(MqttVersion.MQTT_3_1_1, "c", false));
        assertThat(old.isClosed()).isTrue();
        assertThat(wills()).hasSize(1);
    }
}
