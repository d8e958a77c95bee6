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
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada bench pub}: {@code -c} publishers send to a topic template at a total {@code --rate} (or as fast as
 * the broker takes them) for {@code -d} seconds or {@code -L} messages each; with {@code -S N} subscribers in the same
 * process, the delivered count is checked: every acknowledged message must reach every subscriber at least once (QoS
 * 1) or exactly once (QoS 2), else the run fails. Runs on the main thread; the clients
 * run on the event loops.
 */
@Command(
        name = "pub",
        description = "Publish at a rate (or flat out) and measure throughput and latency.",
        footer = ExitCode.HELP,
        sortOptions = false)
final class PubBench implements Callable<Integer> {
    /** How long the subscribers may take to receive what was acknowledged, once no more arrives. */
    private static final long DRAIN_IDLE_MILLIS = 5_000;

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
            paramLabel = "FILTER",
            description = "Filter of the -S subscribers (default: the topic with + for each %%i / %%c level).")
    String subFilter;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TopicTemplate template = new TopicTemplate(topic);
        String filter = subFilter != null ? subFilter : template.wildcardFilter();
        try (BenchRun run = new BenchRun(options, err)) {
            BenchStats stats = run.stats();
            run.startProgress();
            if (subscribers > 0 && !subscribe(run, filter, err)) {
                return ExitCode.ERROR;
            }
            List<Publisher> publishers = new ArrayList<>();
            for (int i = 0; i < options.clients; i++) {
                publishers.add(new Publisher(
                        stats, template.topic(i, options.idPrefix + i), qos, size, rate / options.clients, limit));
            }
            List<MqttConnection> connections = run.connectAll(0, options.clients, options::connect, publishers::get);
            run.phase("publish");
            long sentBefore = stats.sent.sum();
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
                // The duration is over: stop below.
            }
            publishers.forEach(Publisher::stop);
            run.phase("drain");
            try {
                all.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                err.println("bench: acknowledgements still missing 30 s after the end");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long expected = stats.acked.sum() * subscribers;
            if (subscribers > 0) {
                awaitDeliveries(stats, expected);
            }
            run.stopProgress();
            run.disconnectAll();
            BenchReport report = new BenchReport(String.format(
                            "bench pub: %d publishers, %d subscribers, QoS %d, %d B, %s, MQTT %s, %.1f s",
                            options.clients,
                            subscribers,
                            qos,
                            Math.max(8, size),
                            rate > 0 ? String.format("%.0f msg/s", rate) : "flat out",
                            options.version(),
                            seconds))
                    .count("sent", stats.sent.sum() - sentBefore, seconds)
                    .count("acked", stats.acked.sum(), seconds)
                    .figure("failed", stats.publishFailures.sum() + stats.connectFailures.sum());
            boolean deliveryOk = true;
            if (subscribers > 0) {
                long received = stats.received.sum();
                report.count("received", received, seconds);
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

    private boolean subscribe(BenchRun run, String filter, PrintWriter err) throws Exception {
        List<MqttConnection> connections =
                run.connectAll(options.clients, subscribers, i -> options.connect(i), i -> new Subscriber(run.stats()));
        List<CompletableFuture<SubAck>> acks = new ArrayList<>();
        for (MqttConnection connection : connections) {
            if (connection == null) {
                err.println("bench: a subscriber could not connect");
                return false;
            }
            acks.add(connection.subscribe(List.of(Subscription.of(filter, qos)), Properties.EMPTY));
        }
        for (CompletableFuture<SubAck> ack : acks) {
            int code = ack.get(30, TimeUnit.SECONDS).reasonCodes().get(0);
            if (ReasonCode.isError(code) || code < qos) {
                err.printf("bench: subscription to %s granted %s%n", filter, ReasonCode.describe(code));
                return false;
            }
        }
        return true;
    }

    /** Waits until the subscribers received {@code expected} messages, or nothing arrived for 5 seconds. */
    private static void awaitDeliveries(BenchStats stats, long expected) throws InterruptedException {
        long last = -1;
        long idleSince = System.nanoTime();
        while (stats.received.sum() < expected) {
            long now = stats.received.sum();
            if (now != last) {
                last = now;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > DRAIN_IDLE_MILLIS * 1_000_000L) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a counter the event loops write
        }
    }

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
        if (inflight < 1 || subscribers < 0 || rate < 0 || limit < 0) {
            throw options.usage("--inflight must be 1 or more; -S, -R and -L 0 or more");
        }
        if (!Topics.isValidTopicName(new TopicTemplate(topic).topic(0, "x"))) {
            throw options.usage("invalid topic template '" + topic + "'");
        }
        if (subFilter != null && !Topics.isValidTopicFilter(subFilter)) {
            throw options.usage("invalid --sub-filter '" + subFilter + "'");
        }
    }
}
