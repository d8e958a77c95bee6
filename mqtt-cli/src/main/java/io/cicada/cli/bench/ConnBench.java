package io.cicada.cli.bench;

import io.cicada.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada bench conn}: opens {@code -c} connections at {@code --connect-rate} per second, holds them for
 * {@code -d} seconds and reports the connect latency (CONNECT to CONNACK). Runs on the main thread.
 */
@Command(
        name = "conn",
        description = "Open many connections at a given rate and hold them.",
        footer = ExitCode.HELP,
        sortOptions = false)
final class ConnBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    BenchOptions options;

    @Option(
            names = "--ready-file",
            paramLabel = "FILE",
            description = "Write the connected count and connect rate to FILE once every connection is up (or"
                    + " failed), when the hold starts: a script measuring the broker during the hold waits for it.")
    Path readyFile;

    @Override
    public Integer call() throws Exception {
        options.validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BenchRun run = new BenchRun(options, err)) {
            run.startProgress();
            double started = run.elapsedSeconds();
            run.connectAll(0, options.clients, options::connect, i -> new Subscriber(run.stats()));
            double rampSeconds = run.elapsedSeconds() - started;
            run.phase("hold");
            if (readyFile != null) {
                long connected = run.stats().connected.sum();
                Files.writeString(
                        readyFile,
                        String.format(
                                Locale.ROOT,
                                "connected %d%nfailed %d%nper_second %.1f%n",
                                connected,
                                run.stats().connectFailures.sum(),
                                rampSeconds > 0 ? connected / rampSeconds : 0));
            }
            TimeUnit.SECONDS.sleep(options.durationSeconds); // holding the connections is the benchmark
            long lost = run.stats().disconnects.sum();
            run.phase("close");
            run.disconnectAll();
            run.stopProgress();
            BenchStats stats = run.stats();
            BenchReport report = new BenchReport(String.format(
                            "bench conn: %d clients at %d/s, held %d s, MQTT %s over %s",
                            options.clients,
                            options.connectRate,
                            options.durationSeconds,
                            options.version(),
                            options.transportName()))
                    .count("connections", stats.connected.sum(), rampSeconds)
                    .figure("failed", stats.connectFailures.sum())
                    .figure("dropped", lost)
                    .latency("connect", stats.connectTotal());
            report.print(out);
            if (options.json != null) {
                report.writeJson(options.json);
            }
            if (options.plot != null) {
                report.writePlot(options.plot);
            }
            return stats.connectFailures.sum() == 0 && lost == 0 ? ExitCode.OK : ExitCode.ERROR;
        }
    }
}
