package io.cicada.cli.bench;

import io.cicada.cli.ExitCode;
import io.cicada.cli.client.MqttConnection;
import io.cicada.mqtt.topic.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada bench pub}: {@code -c} publishers send to a topic template at a total {@code --rate} (or as fast as
 * the broker takes them) for {@code -d} seconds or {@code -L} messages each; with {@code -S N} subscribers in the same
 * process, the delivered count is checked: every acknowledged message must reach every matching subscription at least
 * once (QoS 1) or exactly once (QoS 2), and each matching {@code $share} group once, else the run fails. The
 * {@code sent}, {@code acked} and {@code received} rates are counted over the publishing window; {@code delivered}
 * counts every message received, over the time from the first receipt to the last: the broker's delivery rate,
 * neither diluted by idle waiting nor cut short by the delay of a backlog. The drain after the window is bounded by
 * {@code --drain-timeout}, so a run against an overloaded broker ends and reports what is missing. Runs on the main thread; the clients run on the event loops.
 */
@Command(
        name = "pub",
        description = "Publish at a rate (or flat out) and measure throughput and latency.",
        footer = ExitCode.HELP,
        sortOptions = false)
final class PubBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    BenchOptions options;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "TEMPLATE",
            description = "Topic; %%i is the client index, %%c the client id (default: ${DEFAULT-VALUE}).")
    String topic = "bench/%i";

    @Option(
            names = {"-q", "--qos"},
            paramLabel = "QOS",
            description = "QoS of the publishes and subscriptions (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(
            names = {"-s", "--size"},
            paramLabel = "BYTES",
            description = "Payload size, 8 or more (default: ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(
            names = {"-R", "--rate"},
            paramLabel = "PER_SECOND",
            description = "Messages per second over all publishers; 0 for as fast as the broker takes them"
                    + " (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = {"-L", "--limit"},
            paramLabel = "N",
            description = "Messages each publisher sends, then stops; 0 for no limit.")
    long limit;

    @Option(
            names = "--inflight",
            paramLabel = "N",
            description = "Unacknowledged QoS 1/2 publishes per client (default: ${DEFAULT-VALUE}; never more than"
                    + " the broker's Receive Maximum).")
    int inflight = 100;

    @Option(
            names = {"-S", "--subscribers"},
            paramLabel = "N",
            description = "Subscribers to run in this process on --sub-filter; their counts are verified.")
    int subscribers;

    @Option(
            names = "--sub-filter",
            paramLabel = "TEMPLATE",
            description = "Filter of the -S subscribers; %%i is the subscriber's number (0 .. N-1), %%c its client"
                    + " id; $share/GROUP/... for shared subscriptions (default: the topic with + for each %%i / %%c"
                    + " level).")
    String subFilter;

    @Option(
            names = "--drain-timeout",
            paramLabel = "SECONDS",
            description = "After publishing, how long to wait for missing acknowledgements and deliveries before the"
                    + " run ends and reports what is missing (default: ${DEFAULT-VALUE}).")
    int drainSeconds = 10;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TopicTemplate template = new TopicTemplate(topic);
        SubscriberFleet fleet = new SubscriberFleet(
                new TopicTemplate(subFilter != null ? subFilter : template.wildcardFilter()),
                subscribers,
                qos,
                options.idPrefix,
                options.clients);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < options.clients; i++) {
            topics.add(template.topic(i, options.idPrefix + i));
        }
        DeliveryPlan plan = DeliveryPlan.of(topics, fleet.filters());
        if (subscribers > 0 && plan.reachesNobody()) {
            err.println("bench: no --sub-filter matches any publisher's topic");
            return ExitCode.ERROR;
        }
        try (BenchRun run = new BenchRun(options, err)) {
            BenchStats stats = run.stats();
            run.startProgress();
            if (subscribers > 0 && !fleet.subscribe(run, options, err)) {
                return ExitCode.ERROR;
            }
            List<Publisher> publishers = new ArrayList<>();
            for (String name : topics) {
                publishers.add(new Publisher(stats, name, qos, size, rate / options.clients, limit));
            }
            List<MqttConnection> connections = run.connectAll(0, options.clients, options::connect, publishers::get);
            Window window = publish(run, publishers, connections);
            publishers.forEach(Publisher::stop);
            run.phase("drain");
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            CompletableFuture<Void> allDone = CompletableFuture.allOf(
                    publishers.stream().map(Publisher::done).toArray(CompletableFuture[]::new));
            try {
                allDone.get(Math.max(0, drainDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                err.printf("bench: acknowledgements still missing %d s after the end%n", drainSeconds);
            }
            long expected = plan.expected(
                    publishers.stream().mapToLong(Publisher::acked).toArray());
            if (subscribers > 0) {
                SubscriberFleet.awaitDeliveries(stats, expected, drainDeadline);
            }
            run.stopProgress();
            run.disconnectAll();
            BenchReport report = new BenchReport(String.format(
                            "bench pub: %d publishers, %d subscribers, QoS %d, %d B, %s, MQTT %s over %s, %.1f s",
                            options.clients,
                            subscribers,
                            qos,
                            Math.max(8, size),
                            rate > 0 ? String.format("%.0f msg/s", rate) : "flat out",
                            options.version(),
                            options.transportName(),
                            window.seconds()))
                    .count("sent", window.sent(), window.seconds())
                    .count("acked", window.acked(), window.seconds())
                    .figure("failed", stats.publishFailures.sum() + stats.connectFailures.sum());
            boolean deliveryOk = true;
            if (subscribers > 0) {
                long received = stats.received.sum();
                report.count("received", window.received(), window.seconds());
                report.count("delivered", received, stats.receivingSeconds());
                report.figure("received_all", received);
                deliveryOk = qos == 0 || (qos == 1 ? received >= expected : received == expected);
                report.figure("delivery", delivery(received, expected));
            }
            report.latency("ack", stats.ackTotal()).latency("end-to-end", stats.endToEndTotal());
            report.print(out);
            if (options.json != null) {
                report.writeJson(options.json);
            }
            if (options.plot != null) {
                report.writePlot(options.plot);
            }
            boolean clean = stats.publishFailures.sum() == 0 && stats.connectFailures.sum() == 0;
            return clean && deliveryOk ? ExitCode.OK : ExitCode.ERROR;
        }
    }

    /**
     * Starts the publishers and returns when the publishing window ends: after {@code -d} seconds, or once every
     * publisher sent its {@code -L} messages and had them acknowledged. The counts are taken at that moment, so the
     * rates are over the window alone, never diluted by the drain that follows.
     */
    private Window publish(BenchRun run, List<Publisher> publishers, List<MqttConnection> connections)
            throws InterruptedException, ExecutionException {
        BenchStats stats = run.stats();
        run.phase("publish");
        long sentBefore = stats.sent.sum();
        long ackedBefore = stats.acked.sum();
        long receivedBefore = stats.received.sum();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < publishers.size(); i++) {
            if (connections.get(i) != null) {
                publishers.get(i).start(connections.get(i), inflight);
                done.add(publishers.get(i).done());
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        try {
            if (options.durationSeconds > 0) {
                all.get(options.durationSeconds, TimeUnit.SECONDS);
            } else {
                all.get();
            }
        } catch (TimeoutException e) {
            // The duration is over.
        }
        return new Window(
                stats.sent.sum() - sentBefore,
                stats.acked.sum() - ackedBefore,
                stats.received.sum() - receivedBefore,
                (System.nanoTime() - started) / 1e9);
    }

    /** What was sent, acknowledged and received during the publishing window, and its length. */
    private record Window(long sent, long acked, long received, double seconds) {}

    private String delivery(long received, long expected) {
        if (received == expected) {
            return "ok " + received + "/" + expected;
        }
        String what = received < expected ? "MISSING " + (expected - received) : "DUPLICATES " + (received - expected);
        return what + " (" + received + "/" + expected + (qos == 0 ? ", QoS 0 may drop" : "") + ")";
    }

    private void validate() {
        options.validate();
        if (qos < 0 || qos > 2) {
            throw options.usage("-q " + qos + ": expected 0, 1 or 2");
        }
        if (options.durationSeconds == 0 && limit == 0) {
            throw options.usage("give -d SECONDS or -L N (or both)");
        }
        if (inflight < 1 || subscribers < 0 || rate < 0 || limit < 0 || drainSeconds < 0) {
            throw options.usage("--inflight must be 1 or more; -S, -R, -L and --drain-timeout 0 or more");
        }
        if (!Topics.isValidTopicName(new TopicTemplate(topic).topic(0, "x"))) {
            throw options.usage("invalid topic template '" + topic + "'");
        }
        if (subFilter != null && !Topics.isValidTopicFilter(new TopicTemplate(subFilter).topic(0, "x"))) {
            throw options.usage("invalid --sub-filter '" + subFilter + "'");
        }
    }
}
