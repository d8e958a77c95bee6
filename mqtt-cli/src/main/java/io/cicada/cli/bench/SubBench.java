package io.cicada.cli.bench;

import io.cicada.cli.ExitCode;
import io.cicada.cli.client.MqttConnection;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.topic.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada bench sub}: {@code -c} subscribers on a filter template count what arrives for {@code -d} seconds
 * (or until {@code --expect} messages arrived) and report the rate and the end-to-end latency of messages from
 * {@code bench pub} on this machine. Runs on the main thread; the clients run on the event loops.
 */
@Command(
        name = "sub",
        description = "Subscribe with many clients and measure what arrives.",
        footer = ExitCode.HELP,
        sortOptions = false)
final class SubBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    BenchOptions options;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "FILTER",
            description = "Topic filter; %%i is the client index, %%c the client id (default: ${DEFAULT-VALUE}).")
    String topic = "bench/#";

    @Option(
            names = {"-q", "--qos"},
            paramLabel = "QOS",
            description = "QoS of the subscriptions (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(
            names = "--expect",
            paramLabel = "N",
            description = "Stop once N messages arrived in all; fail if they did not within -d seconds.")
    long expect;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (qos < 0 || qos > 2 || expect < 0) {
            throw options.usage("-q expects 0, 1 or 2 and --expect 0 or more");
        }
        TopicTemplate template = new TopicTemplate(topic);
        if (!Topics.isValidTopicFilter(template.topic(0, "x"))) {
            throw options.usage("invalid topic filter '" + topic + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (BenchRun run = new BenchRun(options, err)) {
            BenchStats stats = run.stats();
            run.startProgress();
            List<MqttConnection> connections =
                    run.connectAll(0, options.clients, options::connect, i -> new Subscriber(stats));
            List<CompletableFuture<SubAck>> acks = new ArrayList<>();
            for (int i = 0; i < connections.size(); i++) {
                MqttConnection connection = connections.get(i);
                if (connection != null) {
                    String filter = template.topic(i, options.idPrefix + i);
                    acks.add(connection.subscribe(List.of(Subscription.of(filter, qos)), Properties.EMPTY));
                }
            }
            for (CompletableFuture<SubAck> ack : acks) {
                int code = ack.get(30, TimeUnit.SECONDS).reasonCodes().get(0);
                if (ReasonCode.isError(code)) {
                    err.println("bench: subscription refused: " + ReasonCode.describe(code));
                    return ExitCode.REJECTED;
                }
            }
            err.printf("bench: %d subscribers on %s%n", acks.size(), topic);
            err.flush();
            run.phase("receive");
            long started = System.nanoTime();
            long deadline = started + options.durationSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline && (expect == 0 || stats.received.sum() < expect)) {
                TimeUnit.MILLISECONDS.sleep(20); // polling a counter the event loops write
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            run.stopProgress();
            run.disconnectAll();
            long received = stats.received.sum();
            BenchReport report = new BenchReport(String.format(
                            "bench sub: %d subscribers on %s, QoS %d, MQTT %s over %s, %.1f s",
                            options.clients, topic, qos, options.version(), options.transportName(), seconds))
                    .count("received", received, seconds)
                    .figure("failed", stats.connectFailures.sum())
                    .latency("end-to-end", stats.endToEndTotal());
            report.print(spec.commandLine().getOut());
            if (options.json != null) {
                report.writeJson(options.json);
            }
            if (options.plot != null) {
                report.writePlot(options.plot);
            }
            boolean ok = stats.connectFailures.sum() == 0 && (expect == 0 || received >= expect);
            return ok ? ExitCode.OK : ExitCode.ERROR;
        }
    }
}
