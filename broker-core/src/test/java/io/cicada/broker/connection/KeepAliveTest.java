package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.withKeepAlive;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
    private final CoreHarness harness = new CoreHarness();

    @Test
    void silentClientIsClosedAfterOneAndAHalfKeepAlives() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(connect5("c"), 10));
        harness.advance(Duration.ofMillis(14_750));
        assertThat(client.isClosed()).isFalse();
        harness.advance(Duration.ofMillis(500)); // [MQTT-3.1.2-24]
        assertThat(client.isClosed()).isTrue();
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.KEEP_ALIVE_TIMEOUT);
    }

    @Test
    void mqtt311ClientIsClosedWithoutDisconnect() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(connect311("c"), 2));
        harness.advance(Duration.ofSeconds(4));
        assertThat(client.isClosed()).isTrue();
        assertThat(client.received(Disconnect.class)).isEmpty();
    }

    @Test
    void anyPacketResetsTheTimer() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(connect311("c"), 10));
        for (int i = 0; i < 5; i++) {
            harness.advance(Duration.ofSeconds(10));
            client.send(PingReq.INSTANCE);
        }
        assertThat(client.isClosed()).isFalse();
        harness.advance(Duration.ofSeconds(16));
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void keepAliveZeroNeverTimesOut() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(connect311("c"), 0));
        harness.advance(Duration.ofHours(2));
        assertThat(client.isClosed()).isFalse();
    }
}
