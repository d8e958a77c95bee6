package io.cicada.cli.pub;

import io.cicada.cli.ExitCode;
import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Failures;
import io.cicada.cli.client.MqttConnection;
import io.cicada.cli.options.ConnectionOptions;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.topic.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cicada pub}: publishes one message ({@code -m}, {@code -f}, {@code -s}, {@code -n}) or one per line of
 * standard input ({@code -l}), waits for every acknowledgement and disconnects, as {@code mosquitto_pub} does. Runs
 * on the main thread.
 */
@Command(
        name = "pub",
        description = "Publish a message to an MQTT broker (flags as mosquitto_pub).",
        footer = ExitCode.HELP,
        sortOptions = false)
public final class PubCommand implements Callable<Integer> {
    /** Publishes awaiting their acknowledgement before {@code -l} reads the next line. */
    private static final int WINDOW = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "TOPIC",
            description = "Topic to publish to (or the topic of -L).")
    String topic;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "MESSAGE",
            description = "The message.")
    String message;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Send the contents of a file as the message.")
    Path file;

    @Option(
            names = {"-s", "--stdin-file"},
            description = "Send standard input, read to its end, as one message.")
    boolean stdinFile;

    @Option(
            names = {"-l", "--stdin-line"},
            description = "Send each line of standard input as a message.")
    boolean stdinLines;

    @Option(
            names = {"-n", "--null-message"},
            description = "Send an empty message (with -r, clears the retained message).")
    boolean nullMessage;

    @Option(
            names = {"-q", "--qos"},
            paramLabel = "QOS",
            description = "QoS 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(
            names = {"-r", "--retain"},
            description = "Retain the message.")
    boolean retain;

    @Option(names = "--repeat", paramLabel = "COUNT", description = "Publish the message COUNT times.")
    int repeat = 1;

    @Option(
            names = "--repeat-delay",
            paramLabel = "SECONDS",
            description = "Seconds between repeats (may be a fraction).")
    double repeatDelay;

    private final InputStream stdin;

    public PubCommand() {
        this(System.in);
    }

    PubCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        byte[] body = stdinLines ? null : body();
        Properties properties = connection.properties.forCommand("publish");
        try (BlockingClient client = BlockingClient.connect(connection.endpoint(), connection.connect())) {
            MqttConnection mqtt = client.connection();
            connection.debug(client.clientId(), "received CONNACK");
            if (stdinLines) {
                publishLines(mqtt, properties);
            } else {
                for (int i = 0; i < repeat; i++) {
                    if (i > 0 && repeatDelay > 0) {
                        Thread.sleep((long) (repeatDelay * 1000)); // the user asked for a pause between messages
                    }
                    BlockingClient.await(mqtt.publish(topic, qos, retain, properties, body));
                    connection.debug(client.clientId(), qos == 0 ? "sent PUBLISH" : "PUBLISH acknowledged");
                }
            }
            return ExitCode.OK;
        } catch (Exception e) {
            spec.commandLine().getErr().println("cicada pub: " + Failures.message(e));
            return Failures.exitCode(e);
        }
    }

    private void publishLines(MqttConnection mqtt, Properties properties) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        Deque<CompletableFuture<Void>> window = new ArrayDeque<>();
        String line;
        while ((line = reader.readLine()) != null) {
            window.add(mqtt.publish(topic, qos, retain, properties, line.getBytes(StandardCharsets.UTF_8)));
            if (window.size() >= WINDOW) {
                BlockingClient.await(window.removeFirst());
            }
        }
        while (!window.isEmpty()) {
            BlockingClient.await(window.removeFirst());
        }
    }

    private void validate() {
        String urlTopic = connection.applyUrl();
        if (urlTopic != null && topic != null) {
            throw usage("give the topic with -t or -L, not both");
        }
        if (urlTopic != null) {
            topic = urlTopic;
        }
        if (topic == null) {
            throw usage("missing the topic: -t TOPIC or -L URL");
        }
        int sources = (message != null ? 1 : 0)
                + (file != null ? 1 : 0)
                + (stdinFile ? 1 : 0)
                + (stdinLines ? 1 : 0)
                + (nullMessage ? 1 : 0);
        if (sources != 1) {
            throw usage("give exactly one of -m, -f, -s, -l or -n");
        }
        if (qos < 0 || qos > 2) {
            throw usage("-q " + qos + ": expected 0, 1 or 2");
        }
        if (!Topics.isValidTopicName(topic)) {
            throw usage("invalid publish topic '" + topic + "' (empty, or contains + or #)");
        }
        if (repeat < 1) {
            throw usage("--repeat " + repeat + ": expected 1 or more");
        }
    }

    private byte[] body() throws IOException {
        if (message != null) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
        if (file != null) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw usage("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (stdinFile) {
            return stdin.readAllBytes();
        }
        return new byte[0];
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
