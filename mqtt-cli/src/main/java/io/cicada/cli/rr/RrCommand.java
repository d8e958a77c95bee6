package io.cicada.cli.rr;

import io.cicada.cli.ExitCode;
import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Failures;
import io.cicada.cli.client.MqttRefusedException;
import io.cicada.cli.options.ConnectionOptions;
import io.cicada.cli.sub.OutputFormat;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cicada rr}: MQTT 5 request / response, as {@code mosquitto_rr}. Subscribes to the response topic, publishes
 * the request with Response Topic and Correlation Data, prints the first response and exits. Runs on the main thread.
 */
@Command(
        name = "rr",
        description = "Send an MQTT 5 request and print the response (flags as mosquitto_rr).",
        footer = ExitCode.HELP,
        sortOptions = false)
public final class RrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "TOPIC",
            required = true,
            description = "Topic the request is published to.")
    String topic;

    @Option(
            names = {"-e", "--response-topic"},
            paramLabel = "TOPIC",
            required = true,
            description = "Topic the response is expected on.")
    String responseTopic;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "MESSAGE",
            description = "The request.")
    String message;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Send the contents of a file as the request.")
    Path file;

    @Option(
            names = {"-s", "--stdin-file"},
            description = "Send standard input as the request.")
    boolean stdinFile;

    @Option(
            names = {"-n", "--null-message"},
            description = "Send an empty request.")
    boolean nullMessage;

    @Option(
            names = {"-q", "--qos"},
            paramLabel = "QOS",
            description = "QoS of the request and the subscription (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(
            names = {"-W", "--timeout"},
            paramLabel = "SECONDS",
            description = "Exit with code 27 when no response came within SECONDS.")
    int timeoutSeconds;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print the response topic before the payload.")
    boolean verbose;

    @Option(
            names = {"-N", "--no-newline"},
            description = "Do not end the response with a newline.")
    boolean noNewline;

    @Option(
            names = {"-F", "--format"},
            paramLabel = "FORMAT",
            description = "Output format, as for cicada sub -F.")
    String format;

    private final InputStream stdin;
    private final PrintStream out;

    public RrCommand() {
        this(System.in, System.out);
    }

    RrCommand(InputStream stdin, PrintStream out) {
        this.stdin = stdin;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (!spec.commandLine().getParseResult().hasMatchedOption("-V")) {
            connection.protocolVersion = "5"; // request / response needs MQTT 5
        }
        byte[] body = validatedBody();
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        Properties request = connection.properties.forCommand("publish").toBuilder()
                .responseTopic(responseTopic)
                .correlationData(correlation)
                .build();
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + timeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
        try (BlockingClient client = BlockingClient.connect(connection.endpoint(), connection.connect())) {
            SubAck ack = BlockingClient.await(
                    client.connection().subscribe(List.of(Subscription.of(responseTopic, qos)), Properties.EMPTY));
            int code = ack.reasonCodes().get(0);
            if (ReasonCode.isError(code)) {
                throw new MqttRefusedException(
                        "subscription to " + responseTopic + " refused", code, MqttVersion.MQTT_5);
            }
            connection.debug(client.clientId(), "received SUBACK");
            BlockingClient.await(client.connection().publish(topic, qos, false, request, body));
            connection.debug(client.clientId(), "sent the request");
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    spec.commandLine().getErr().println("cicada rr: timed out");
                    return ExitCode.TIMED_OUT;
                }
                BlockingClient.Event event = client.nextEvent(Math.min(left, 1_000));
                if (event == null) {
                    continue;
                }
                if (event.closed()) {
                    String why = event.failure() == null
                            ? "connection closed by the broker"
                            : Failures.message(event.failure());
                    spec.commandLine().getErr().println("cicada rr: " + why);
                    return ExitCode.ERROR;
                }
                Publish response = event.message();
                out.write(new OutputFormat(format, verbose, !noNewline).render(response));
                out.flush();
                return ExitCode.OK;
            }
        } catch (Exception e) {
            spec.commandLine().getErr().println("cicada rr: " + Failures.message(e));
            return Failures.exitCode(e);
        }
    }

    private byte[] validatedBody() throws IOException {
        if (!connection.version().isV5()) {
            throw usage("request / response needs MQTT 5 (-V 5)");
        }
        int sources = (message != null ? 1 : 0) + (file != null ? 1 : 0) + (stdinFile ? 1 : 0) + (nullMessage ? 1 : 0);
        if (sources != 1) {
            throw usage("give exactly one of -m, -f, -s or -n");
        }
        if (qos < 0 || qos > 2) {
            throw usage("-q " + qos + ": expected 0, 1 or 2");
        }
        if (!Topics.isValidTopicName(topic) || !Topics.isValidTopicFilter(responseTopic)) {
            throw usage("invalid request or response topic");
        }
        if (message != null) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
        if (file != null) {
            return Files.readAllBytes(file);
        }
        return stdinFile ? stdin.readAllBytes() : new byte[0];
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
