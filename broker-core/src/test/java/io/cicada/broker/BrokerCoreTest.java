package io.cicada.broker;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.connection.CoreHarness;
import io.cicada.broker.connection.TestClient;
import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerCoreTest {

    @Test
    void shutdownSendsServerShuttingDownToMqtt5ClientsAndClosesEveryone() {
        CoreHarness h = new CoreHarness();
        TestClient v5 = h.client(h.loopA);
        v5.connect(connect5("a"));
        TestClient v3 = h.client(h.loopB);
        v3.connect(connect311("b"));
        TestClient notYetConnected = h.client();
        Thread runner = new Thread(() -> h.core.shutdown(Duration.ofSeconds(5)));
        runner.start();
        // shutdown() blocks until the loops ran its tasks: run them here until it returns (bounded).
        for (int i = 0; i < 500 && runner.isAlive(); i++) {
            h.runAll();
            joinQuietly(runner, 10);
        }
        assertThat(runner.isAlive()).isFalse();
        assertThat(v5.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN);
        assertThat(v3.received(Disconnect.class)).isEmpty();
        assertThat(v5.isClosed()).isTrue();
        assertThat(v3.isClosed()).isTrue();
        assertThat(notYetConnected.isClosed()).isTrue();
        assertThat(h.core.connectedClients()).isZero();
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void connectionsAcceptedAfterShutdownAreClosed() {
        CoreHarness h = new CoreHarness();
        h.core.shutdown(Duration.ofMillis(100));
        assertThat(h.client().isClosed()).isTrue();
    }

    @Test
    void inProcessPublishReachesSubscribersAndRetains() {
        CoreHarness h = new CoreHarness();
        h.core.publish(new Message("embedded/t", 1, true, Payload.utf8("v"), Properties.EMPTY, null, 0));
        h.runAll();
        TestClient client = h.client();
        client.connect(connect311("c"));
        client.send(subscribe(1, "embedded/#", 1));
        Publish p = client.last(Publish.class);
        assertThat(p.retain()).isTrue();
        assertThat(p.payload().asUtf8()).isEqualTo("v");
    }

    @Test
    void sysTopicsArePublishedByTheRunningCore() {
        BrokerSettings settings = BrokerSettings.builder().sysIntervalSeconds(1).build();
        CoreHarness h = new CoreHarness(settings);
        TestClient client = h.client();
        client.connect(connect311("c"));
        client.send(subscribe(1, "$SYS/broker/clients/connected", 0));
        assertThat(client.last(Publish.class).payload().asUtf8()).isEqualTo("0");
        h.advance(Duration.ofSeconds(1));
        assertThat(client.last(Publish.class).payload().asUtf8()).isEqualTo("1");
    }

    @Test
    void defaultCoreRunsItsOwnTimerThreadAndStopsIt() {
        try (BrokerCore core = BrokerCore.builder(BrokerSettings.defaults()).build()) {
            assertThat(core.settings()).isEqualTo(BrokerSettings.defaults());
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(t -> t.getName().equals("cicada-timer"));
        }
    }
}
