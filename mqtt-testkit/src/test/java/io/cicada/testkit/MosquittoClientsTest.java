package io.cicada.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mosquitto_pub / mosquitto_sub driven as processes: output captured line by line, bounded runs. */
class MosquittoClientsTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @Test
    void subscriberSeesWhatThePublisherSends() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        try (MosquittoClients.Subscriber sub = mosquitto.subscribe("-t", "kit/t", "-F", "%t=%p", "-C", "1")) {
            sub.awaitSubscribed(Duration.ofSeconds(10));
            mosquitto.publish("-t", "kit/t", "-m", "hello").assertSuccess();
            assertThat(sub.awaitOutput(1, Duration.ofSeconds(10))).containsExactly("kit/t=hello");
            assertThat(sub.awaitExit(Duration.ofSeconds(10))).isZero();
            assertThat(sub.allOutput()).anyMatch(line -> line.contains("received SUBACK"));
        }
    }

    @Test
    void failedPublishReportsItsExitCodeAndOutput() {
        MosquittoClients unreachable = MosquittoClients.forBroker("127.0.0.1", 1);
        MosquittoClients.Result result = unreachable.publish("-t", "x", "-m", "y");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.describe("publish")).contains("mosquitto_pub -h 127.0.0.1 -p 1 -t x -m y");
    }

    @Test
    void binariesAreInstalledHere() {
        assertThat(MosquittoClients.available())
                .as("apt-get install -y mosquitto-clients")
                .isTrue();
    }
}
