package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.testkit.CicadaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cicada rr} against Cicada, with a responder written on the embeddable API's in-process hooks: it answers
 * each request on its Response Topic with the Correlation Data, as an MQTT 5 service would.
 */
class RrCommandTest {
    @RegisterExtension
    static final CicadaBroker broker = CicadaBroker.create();

    @Test
    void printsTheResponseToItsRequest() {
        try (AutoCloseable responder = broker.broker().subscribe("service/echo", 1, request -> {
            Properties answer = Properties.builder()
                    .correlationData(request.properties().correlationData())
                    .build();
            broker.broker()
                    .publish(new Message(
                            request.properties().responseTopic(),
                            1,
                            false,
                            Payload.utf8("echo: " + request.payload().asUtf8()),
                            answer,
                            null,
                            System.currentTimeMillis()));
        })) {
            CliProcess.Result result = CliProcess.run(
                    "rr",
                    "-h",
                    broker.host(),
                    "-p",
                    Integer.toString(broker.port()),
                    "-t",
                    "service/echo",
                    "-e",
                    "replies/me",
                    "-m",
                    "ping",
                    "-q",
                    "1",
                    "-W",
                    "30",
                    "-F",
                    "%t %p %D");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).singleElement().asString().startsWith("replies/me echo: ping ");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void noResponderTimesOutWithCode27() {
        CliProcess.Result result = CliProcess.run(
                "rr",
                "-h",
                broker.host(),
                "-p",
                Integer.toString(broker.port()),
                "-t",
                "service/none",
                "-e",
                "replies/none",
                "-m",
                "ping",
                "-W",
                "1");
        assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(result.stderr()).containsExactly("cicada rr: timed out");
    }
}
