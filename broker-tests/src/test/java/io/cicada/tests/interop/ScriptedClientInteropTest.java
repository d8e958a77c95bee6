package io.cicada.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.spec.Spec;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 5 request/response and shared subscriptions with clients in other languages: MQTT.js (npm {@code mqtt}, which
 * {@code .ci/run} installs into {@code broker-tests/src/test/js}) and Debian's {@code python3-paho-mqtt}. Each script subscribes,
 * says READY, and answers a request on its Response Topic with the Correlation Data; this test plays the requester.
 */
class ScriptedClientInteropTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    private static final long WAIT_SECONDS = 20;
    /** MQTT.js as the WebSocket tests use it: {@code npm ci --prefix broker-tests/src/test/js} (.ci/run does). */
    private static final Path MQTTJS_HOME = Path.of("src", "test", "js").toAbsolutePath();

    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    @Test
    @Spec({"MQTT-3.3.2-15", "MQTT-3.3.2-16"})
    void mqttJsAnswersARequestAndSharesASubscription() throws Exception {
        assertThat(MQTTJS_HOME.resolve("node_modules/mqtt"))
                .as("MQTT.js installed (npm ci --prefix broker-tests/src/test/js; .ci/run does)")
                .isDirectory();
        assertThat(onPath("node")).as("node installed (apt-get install nodejs)").isTrue();
        ProcessBuilder builder = new ProcessBuilder("node", script("mqttjs_request_reply.js"), port());
        builder.environment().put("MQTTJS_HOME", MQTTJS_HOME.toString());
        exchange(builder, "js");
    }

    @Test
    @Spec({"MQTT-3.3.2-15", "MQTT-3.3.2-16"})
    void pahoPythonAnswersARequestAndSharesASubscription() throws Exception {
        assertThat(Files.isExecutable(SYSTEM_PYTHON))
                .as("/usr/bin/python3 present")
                .isTrue();
        assertThat(new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c", "import paho.mqtt.client")
                        .start()
                        .waitFor())
                .as("python3-paho-mqtt installed (apt-get install python3-paho-mqtt; .ci/run does)")
                .isZero();
        exchange(new ProcessBuilder(SYSTEM_PYTHON.toString(), script("paho_request_reply.py"), port()), "py");
    }

    private void exchange(ProcessBuilder builder, String prefix) throws Exception {
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (RawMqttClient requester = broker.rawClient()) {
            requester.connect(MqttVersion.MQTT_5, "interop-requester-" + prefix, true, 60);
            requester.subscribe("interop/" + prefix + "/reply", 1);
            awaitLine(lines, all, "READY");
            assertThat(all).contains("GRANTED 1,1");
            requester.send(new Publish(
                    "interop/" + prefix + "/shared",
                    1,
                    false,
                    false,
                    1,
                    Properties.EMPTY,
                    Payload.utf8("to-the-group")));
            awaitLine(lines, all, "SHARED to-the-group");
            Properties request = Properties.builder()
                    .responseTopic("interop/" + prefix + "/reply")
                    .correlationData(new byte[] {7, 42})
                    .contentType("text/plain")
                    .addUserProperty("who", "cicada")
                    .build();
            requester.send(
                    new Publish("interop/" + prefix + "/request", 1, false, false, 2, request, Payload.utf8("ping")));
            Publish reply = requester.receiveFirst(Publish.class, java.time.Duration.ofSeconds(WAIT_SECONDS));
            // [MQTT-3.3.2-15] Response Topic and [MQTT-3.3.2-16] Correlation Data reach the responder unaltered
            assertThat(reply.properties().correlationData()).containsExactly(7, 42);
            assertThat(reply.payload().asUtf8()).contains("\"payload\":", "ping", "\"who\":", "cicada", "text/plain");
            awaitLine(lines, all, "REPLIED");
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("script output %s", all).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> all, String expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!all.contains(expected)) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no '" + expected + "' from the client; it said " + all);
            }
            all.add(line);
        }
    }

    private static String script(String name) throws URISyntaxException {
        return Path.of(ScriptedClientInteropTest.class
                        .getResource("/interop/" + name)
                        .toURI())
                .toString();
    }

    private static String port() {
        return Integer.toString(broker.port());
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
