package io.cicada.cli.bench;

import io.cicada.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cicada bench}: load generators in the manner of emqtt-bench, on Cicada's own codec over Netty epoll:
 * {@code conn} (connections), {@code pub} (publishers, optionally with subscribers whose delivered counts are
 * verified) and {@code sub} (subscribers). Runs on the main thread.
 */
@Command(
        name = "bench",
        description = "Benchmark an MQTT broker: conn, pub, sub.",
        footer = ExitCode.HELP,
        subcommands = {ConnBench.class, PubBench.class, SubBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing bench command (conn, pub or sub)");
    }
}
