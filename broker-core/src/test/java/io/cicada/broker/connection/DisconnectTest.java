package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DisconnectTest {
    private final CoreHarness harness = new CoreHarness();

    private static Disconnect withExpiry(long seconds) {
        return new Disconnect(
                ReasonCode.SUCCESS,
                Properties.builder().sessionExpiryInterval(seconds).build());
    }

    @Test
    void disconnectSettingExpiryAfterZeroIsAProtocolError() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(withExpiry(60)); // [MQTT-3.14.2-2]
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void disconnectCanShortenTheSessionExpiry() {
        TestClient client = harness.client();
        client.connect(connect5(
                "c", false, Properties.builder().sessionExpiryInterval(600L).build()));
        client.send(withExpiry(0));
        ConnAck again = harness.client().connect(connect5("c", false, Properties.EMPTY));
        assertThat(again.sessionPresent()).isFalse();
    }

    @Test
    void disconnectCanLengthenANonZeroSessionExpiry() {
        TestClient client = harness.client();
        client.connect(connect5(
                "c", false, Properties.builder().sessionExpiryInterval(1L).build()));
        client.send(withExpiry(600));
        harness.advance(Duration.ofSeconds(5));
        assertThat(harness.client()
                        .connect(connect5("c", false, Properties.EMPTY))
                        .sessionPresent())
                .isTrue();
    }

    @Test
    void serverClosesAfterTheClientsDisconnect() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(Disconnect.NORMAL);
        assertThat(client.isClosed()).isTrue();
        assertThat(harness.core.connectedClients()).isZero();
    }
}
