package io.cicada.broker.session;

import static io.cicada.broker.connection.Packets.connect;
import static io.cicada.broker.connection.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.connection.CoreHarness;
import io.cicada.broker.connection.TestClient;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionExpiryTest {
    private final CoreHarness harness = new CoreHarness();

    private static Connect expiring(long seconds) {
        return connect5(
                "c", false, Properties.builder().sessionExpiryInterval(seconds).build());
    }

    private boolean resumes(Connect connect) {
        TestClient client = harness.client();
        boolean present = client.connect(connect).sessionPresent();
        client.dropConnection();
        return present;
    }

    @Test
    void sessionIsDroppedAfterItsExpiryIntervalOffline() {
        TestClient client = harness.client();
        client.connect(expiring(10));
        client.dropConnection();
        harness.advance(Duration.ofSeconds(9));
        assertThat(resumes(expiring(10))).isTrue();
        harness.advance(Duration.ofSeconds(11));
        assertThat(resumes(expiring(10))).isFalse();
    }

    @Test
    void zeroExpiryEndsTheSessionAtDisconnect() {
        TestClient client = harness.client();
        client.connect(expiring(0));
        client.dropConnection();
        assertThat(resumes(expiring(0))).isFalse();
    }

    @Test
    void mqtt311PersistentSessionNeverExpires() {
        Connect persistent = connect(MqttVersion.MQTT_3_1_1, "c", false);
        TestClient client = harness.client();
        client.connect(persistent);
        client.dropConnection();
        harness.advance(Duration.ofDays(3));
        assertThat(resumes(persistent)).isTrue();
    }

    @Test
    void reconnectBeforeExpiryRestartsTheInterval() {
        TestClient client = harness.client();
        client.connect(expiring(10));
        client.dropConnection();
        harness.advance(Duration.ofSeconds(8));
        assertThat(resumes(expiring(10))).isTrue(); // disconnects again: a new 10 s interval
        harness.advance(Duration.ofSeconds(8));
        assertThat(resumes(expiring(10))).isTrue();
    }
}
