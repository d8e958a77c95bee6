package io.cicada.cli.sub;

import io.cicada.cli.ExitCode;
import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Failures;
import io.cicada.cli.client.MqttRefusedException;
import io.cicada.cli.options.ConnectionOptions;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.topic.Topics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cicada sub}: subscribes to one or more filters and prints each message as it arrives, until {@code -C}
 * messages, {@code -W} seconds, the end of the connection or Ctrl-C, as {@code mosquitto_sub} does. Messages reach
 * the main thread through {@link BlockingClient}'s queue and are printed there.
 */
@Command(
        name = "sub",
        description = "Subscribe to topics and print the messages (flags as mosquitto_sub).",
        footer = ExitCode.HELP,
        sortOptions = false)
public final class SubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "FILTER",
            description = "Topic filter to subscribe to. Repeatable (and the topic of -L is one more).")
    List<String> filters = new ArrayList<>();

    @Option(
            names = {"-U", "--unsubscribe"},
            paramLabel = "FILTER",
            description = "Topic filter to unsubscribe from, after subscribing to -t (useful with -c to end a"
                    + " persistent session's subscription); alone, exit once it is done. Repeatable.")
    List<String> unsubscribe = new ArrayList<>();

    @Option(
            names = {"-T", "--filter-out"},
            paramLabel = "FILTER",
            description = "Do not print messages whose topic matches FILTER. Repeatable.")
    List<String> filterOut = new ArrayList<>();

    @Option(
            names = {"-q", "--qos"},
            paramLabel = "QOS",
            description = "QoS of the subscriptions (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(
            names = {"-C", "--count"},
            paramLabel = "COUNT",
            description = "Exit after printing COUNT messages.")
    int count;

    @Option(
            names = {"-W", "--timeout"},
            paramLabel = "SECONDS",
            description = "Exit with code 27 after SECONDS.")
    int timeoutSeconds;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print the topic before the payload.")
    boolean verbose;

    @Option(
            names = {"-N", "--no-newline"},
            description = "Do not end each message with a newline.")
    boolean noNewline;

    @Option(
            names = {"-F", "--format"},
            paramLabel = "FORMAT",
            description = "Output format: %%t topic, %%p payload, %%q QoS, %%r retain, %%l length, %%x hex, %%I time,"
                    + " %%P user properties, %%R response topic, %%D correlation data (see the manual).")
    String format;

    @Option(
            names = {"-R", "--no-retained"},
            description = "Do not print retained (stale) messages.")
    boolean noRetained;

    @Option(names = "--retained-only", description = "Print only retained messages; exit at the first live one.")
    boolean retainedOnly;

    @Option(
            names = {"-E", "--exit-after-subscribe"},
            description = "Exit as soon as the subscriptions are acknowledged.")
    boolean exitAfterSubscribe;

    @Option(names = "--nl", description = "MQTT 5 No Local: not the messages this client publishes.")
    boolean noLocal;

    @Option(names = "--rap", description = "MQTT 5 Retain As Published.")
    boolean retainAsPublished;

    @Option(names = "--rh", paramLabel = "0|1|2", description = "MQTT 5 Retain Handling (default: 0).")
    int retainHandling;

    private final PrintStream out;

    public SubCommand() {
        this(System.out);
    }

    SubCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        OutputFormat output = new OutputFormat(format, verbose, !noNewline);
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + timeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
        try (BlockingClient client = BlockingClient.connect(connection.endpoint(), connection.connect())) {
            connection.debug(client.clientId(), "received CONNACK");
            if (!filters.isEmpty()) {
                subscribe(client);
                connection.debug(client.clientId(), "received SUBACK");
            }
            if (!unsubscribe.isEmpty()) {
                BlockingClient.await(client.connection()
                        .unsubscribe(
                                unsubscribe,
                                client.connection().version().isV5()
                                        ? connection.properties.forCommand("unsubscribe")
                                        : Properties.EMPTY));
                connection.debug(client.clientId(), "received UNSUBACK");
            }
            if (exitAfterSubscribe || filters.isEmpty()) {
                return ExitCode.OK;
            }
            int printed = 0;
            while (count == 0 || printed < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    spec.commandLine().getErr().println("cicada sub: timed out");
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
                    spec.commandLine().getErr().println("cicada sub: " + why);
                    return ExitCode.ERROR;
                }
                Publish message = event.message();
                if (retainedOnly && !message.retain()) {
                    return ExitCode.OK;
                }
                if ((noRetained && message.retain()) || filteredOut(message.topic())) {
                    continue;
                }
                out.write(output.render(message));
                out.flush();
                printed++;
            }
            return ExitCode.OK;
        } catch (Exception e) {
            spec.commandLine().getErr().println("cicada sub: " + Failures.message(e));
            return Failures.exitCode(e);
        }
    }

    private void subscribe(BlockingClient client) throws Exception {
        MqttVersion version = client.connection().version();
        List<Subscription> subscriptions = new ArrayList<>();
        for (String filter : filters) {
            subscriptions.add(new Subscription(filter, qos, noLocal, retainAsPublished, retainHandling));
        }
        SubAck ack = BlockingClient.await(client.connection()
                .subscribe(
                        subscriptions,
                        version.isV5() ? connection.properties.forCommand("subscribe") : Properties.EMPTY));
        int refused = 0;
        for (int i = 0; i < ack.reasonCodes().size() && i < filters.size(); i++) {
            int code = ack.reasonCodes().get(i);
            if (ReasonCode.isError(code)) {
                refused++;
                MqttRefusedException e = new MqttRefusedException(
                        "subscription to " + filters.get(i) + " refused", code, MqttVersion.MQTT_5);
                spec.commandLine().getErr().println("cicada sub: " + e.getMessage());
            }
        }
        if (refused == filters.size()) {
            throw new MqttRefusedException(
                    "every subscription refused", ack.reasonCodes().get(0), MqttVersion.MQTT_5);
        }
    }

    private boolean filteredOut(String topic) {
        for (String filter : filterOut) {
            if (FilterMatch.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }

    private void validate() {
        String urlTopic = connection.applyUrl();
        if (urlTopic != null) {
            filters.add(urlTopic);
        }
        if (filters.isEmpty() && unsubscribe.isEmpty()) {
            throw usage("missing a topic filter: -t FILTER, -L URL or -U FILTER");
        }
        for (String filter : unsubscribe) {
            if (!Topics.isValidTopicFilter(filter)) {
                throw usage("invalid unsubscribe topic filter '" + filter + "'");
            }
        }
        if (qos < 0 || qos > 2) {
            throw usage("-q " + qos + ": expected 0, 1 or 2");
        }
        for (String filter : filters) {
            if (!Topics.isValidTopicFilter(filter)) {
                throw usage("invalid subscription topic filter '" + filter + "'");
            }
        }
        boolean v5Only = noLocal || retainAsPublished || retainHandling != 0;
        if (v5Only && !connection.version().isV5()) {
            throw usage("--nl, --rap and --rh need MQTT 5 (-V 5)");
        }
        if (retainHandling < 0 || retainHandling > 2) {
            throw usage("--rh " + retainHandling + ": expected 0, 1 or 2");
        }
        if (count < 0 || timeoutSeconds < 0) {
            throw usage("-C and -W take a positive number");
        }
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
