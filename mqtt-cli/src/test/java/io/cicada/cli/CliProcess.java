package io.cicada.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code cicada pub | sub | rr | bench} as a user does: a separate JVM on this test's class path, with its output
 * and exit code captured. One reader thread per stream gathers lines; the test thread waits on them with a bound.
 */
final class CliProcess implements AutoCloseable {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Process process;
    private final Lines stdout;
    private final Lines stderr;

    private CliProcess(Process process) {
        this.process = process;
        this.stdout = new Lines(process.getInputStream());
        this.stderr = new Lines(process.getErrorStream());
    }

    /** Starts {@code cicada ARGS...}. */
    static CliProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                JAVA.toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                CicadaTools.class.getName()));
        command.addAll(List.of(args));
        try {
            return new CliProcess(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code cicada ARGS...} to its end (at most 60 s) with {@code stdin} as its standard input. */
    static Result runWithInput(String stdin, String... args) {
        try (CliProcess cli = start(args)) {
            try (OutputStream in = cli.process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The command did not read its input; its exit code tells why.
            }
            return cli.awaitExit(Duration.ofSeconds(60));
        }
    }

    /** Runs {@code cicada ARGS...} to its end with no input. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Waits until a line of standard error matches (the {@code -d} output); fails with the output otherwise. */
    CliProcess awaitStderr(Predicate<String> line, Duration timeout) {
        if (!stderr.await(line, timeout)) {
            throw new AssertionError("no matching line on stderr within " + timeout + "\n" + describe());
        }
        return this;
    }

    Result awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not exit within " + timeout + "\n" + describe());
            }
            stdout.join();
            stderr.join();
            return new Result(process.exitValue(), stdout.snapshot(), stderr.snapshot());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String describe() {
        return "stdout: " + stdout.snapshot() + "\nstderr: " + stderr.snapshot();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** A finished command: exit code and output lines. */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** The lines of one stream, gathered by a daemon thread. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        Lines(InputStream in) {
            reader = new Thread(() -> read(in), "cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        synchronized boolean await(Predicate<String> match, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lines.stream().noneMatch(match)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        void join() throws InterruptedException {
            reader.join(5_000);
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }
    }
}
