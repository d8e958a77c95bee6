package io.cicada.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.MosquittoClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The issue's acceptance scenario with Debian's mosquitto clients: an MQTT 5 {@code mosquitto_sub} receives what an
 * MQTT 3.1.1 {@code mosquitto_pub} sends retained, and a subscriber started afterwards receives it as retained.
 */
class AcceptanceScenarioTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(10);
    /** RETAIN flag, QoS, topic, payload. */
    static final String FORMAT = "%r %q %t %p";

    @Test
    void mosquittoSubscriberReceivesRetainedTemperatureLiveAndLater() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        try (MosquittoClients.Subscriber live =
                mosquitto.subscribe("-V", "5", "-t", "home/+/temperature", "-q", "2", "-F", FORMAT, "-C", "1")) {
            live.awaitSubscribed(WAIT);
            mosquitto
                    .publish("-V", "311", "-t", "home/kitchen/temperature", "-q", "1", "-m", "21.5", "-r")
                    .assertSuccess();
            // live delivery: QoS min(1, 2) = 1; RETAIN 0 on a live delivery without Retain As Published
            // ([MQTT-3.3.1-12] (5.0))
            assertThat(live.awaitOutput(1, WAIT)).containsExactly("0 1 home/kitchen/temperature 21.5");
            assertThat(live.awaitExit(WAIT)).isZero();
        }
        try (MosquittoClients.Subscriber late =
                mosquitto.subscribe("-V", "5", "-t", "home/+/temperature", "-q", "2", "-F", FORMAT, "-C", "1")) {
            // [MQTT-3.3.1-9] (5.0) / [MQTT-3.3.1-8] (3.1.1): retained message on subscribe, with RETAIN 1
            assertThat(late.awaitOutput(1, WAIT)).containsExactly("1 1 home/kitchen/temperature 21.5");
            assertThat(late.allOutput()).anyMatch(line -> line.contains("received PUBLISH") && line.contains("r1"));
            assertThat(late.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void mosquittoSubscriberWithVerboseOutputSeesTopicAndPayload() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        mosquitto
                .publish("-V", "311", "-t", "home/hall/temperature", "-q", "1", "-m", "19.0", "-r")
                .assertSuccess();
        try (MosquittoClients.Subscriber sub = mosquitto.subscribe("-V", "311", "-t", "home/hall/#", "-v", "-C", "1")) {
            assertThat(sub.awaitOutput(1, WAIT)).containsExactly("home/hall/temperature 19.0");
            assertThat(sub.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void mosquittoNullRetainedMessageClearsTheTopic() {
        MosquittoClients mosquitto = MosquittoClients.forBroker(broker);
        mosquitto
                .publish("-V", "5", "-t", "home/attic/temperature", "-m", "30.1", "-r")
                .assertSuccess();
        mosquitto.publish("-V", "5", "-t", "home/attic/temperature", "-n", "-r").assertSuccess();
        try (MosquittoClients.Subscriber sub =
                mosquitto.subscribe("-V", "311", "-t", "home/attic/#", "-v", "--retained-only", "-W", "2")) {
            // [MQTT-3.3.1-10] (3.1.1): a retained zero-byte payload removes the retained message
            sub.awaitExit(WAIT);
            assertThat(sub.output()).isEmpty();
            assertThat(sub.allOutput()).anyMatch(line -> line.contains("received SUBACK"));
        }
    }
}
