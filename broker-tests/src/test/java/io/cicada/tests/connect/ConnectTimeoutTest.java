package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection that sends no CONNECT within {@code connectTimeoutSeconds} is closed. */
class ConnectTimeoutTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.connectTimeoutSeconds(1));

    @Test
    void silentConnectionIsClosedAfterTheConnectTimeout() {
        try (RawMqttClient client = broker.rawClient()) {
            long start = System.nanoTime();
            // 3.1.1 §3.1.4: a server SHOULD close a connection that sends no CONNECT within a reasonable time
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        }
    }
}
