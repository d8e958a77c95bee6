package io.cicada.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub} (package {@code mosquitto-clients}) against a broker
 * as separate processes, with bounded run times and their output captured, so interoperability is tested with a C
 * client that shares no code with Cicada. Fails the test with a clear message when the binaries are not installed.
 * Each method is called from the test thread; a subscriber's output is collected by one daemon reader thread per
 * stream.
 *
 * <pre>{@code
 * MosquittoClients mosquitto = MosquittoClients.forBroker(broker.host(), broker.port());
 * try (MosquittoClients.Subscriber sub = mosquitto.subscribe("-V", "5", "-t", "a/+", "-F", "%r %q %t %p", "-C", "1")) {
 *     sub.awaitSubscribed(Duration.ofSeconds(5));
 *     mosquitto.publish("-t", "a/b", "-m", "hi").assertSuccess();
 *     assertThat(sub.awaitOutput(1, Duration.ofSeconds(5))).containsExactly("0 0 a/b hi");
 * }
 * }</pre>
 */
public final class MosquittoClients {
    /** Bound on one {@code mosquitto_pub} run. */
    public static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** The {@code -W} given to every {@code mosquitto_sub}: it exits by itself after this many seconds. */
    public static final int SUBSCRIBE_TIMEOUT_SECONDS = 20;

    private static final List<Path> SEARCH_PATH =
            List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/bin"));
    /** coreutils' stdbuf: line-buffers the clients' stdout, which is a pipe here, so lines arrive as printed. */
    private static final Path STDBUF = Path.of("/usr/bin/stdbuf");

    private final String host;
    private final int port;

    private MosquittoClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Clients for the broker at {@code host:port}; fails at once if the binaries are missing. */
    public static MosquittoClients forBroker(String host, int port) {
        locate("mosquitto_pub");
        locate("mosquitto_sub");
        return new MosquittoClients(host, port);
    }

    /** Clients for the broker run by {@code broker}. */
    public static MosquittoClients forBroker(CicadaBroker broker) {
        return forBroker(broker.host(), broker.port());
    }

    /** True when both binaries are installed. */
    public static boolean available() {
        return find("mosquitto_pub") != null && find("mosquitto_sub") != null;
    }

    /**
     * Runs {@code mosquitto_pub -h HOST -p PORT ARGS...} to completion (at most {@link #PUBLISH_TIMEOUT}, then it is
     * killed and the result says so).
     */
    public Result publish(String... args) {
        Process process = start("mosquitto_pub", List.of(args), List.of());
        Output stdout = Output.collect(process.getInputStream(), "mosquitto_pub-out");
        Output stderr = Output.collect(process.getErrorStream(), "mosquitto_pub-err");
        boolean finished = waitFor(process, PUBLISH_TIMEOUT);
        return new Result(
                command("mosquitto_pub", args),
                finished ? process.exitValue() : -1,
                !finished,
                stdout.drained(),
                stderr.drained());
    }

    /**
     * Starts {@code mosquitto_sub -h HOST -p PORT -d -W 20 ARGS...} in the background. The debug output
     * ({@code -d}) tells {@link Subscriber#awaitSubscribed} when the SUBACK arrived; message lines are the others.
     */
    public Subscriber subscribe(String... args) {
        List<String> fixed = List.of("-d", "-W", Integer.toString(SUBSCRIBE_TIMEOUT_SECONDS));
        Process process = start("mosquitto_sub", List.of(args), fixed);
        return new Subscriber(command("mosquitto_sub", args), process);
    }

    private Process start(String binary, List<String> args, List<String> fixed) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(STDBUF)) {
            cmd.add(STDBUF.toString());
            cmd.add("-oL");
        }
        cmd.add(locate(binary).toString());
        cmd.add("-h");
        cmd.add(host);
        cmd.add("-p");
        cmd.add(Integer.toString(port));
        cmd.addAll(fixed);
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    private String command(String binary, String... args) {
        return binary + " -h " + host + " -p " + port + " " + String.join(" ", args);
    }

    private static Path locate(String binary) {
        Path path = find(binary);
        if (path == null) {
            throw new AssertionError(binary + " not found in " + SEARCH_PATH
                    + ": install Debian's mosquitto-clients (apt-get install -y mosquitto-clients)");
        }
        return path;
    }

    private static Path find(String binary) {
        return SEARCH_PATH.stream()
                .map(p -> p.resolve(binary))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** What one finished {@code mosquitto_pub} run did. */
    public record Result(String command, int exitCode, boolean timedOut, List<String> stdout, List<String> stderr) {
        /** Fails with the command and its output unless it exited with 0. */
        public Result assertSuccess() {
            if (timedOut || exitCode != 0) {
                throw new AssertionError(describe("expected success"));
            }
            return this;
        }

        /** A message naming the command, its exit and its output. */
        public String describe(String what) {
            return what + ": `" + command + "` " + (timedOut ? "timed out" : "exited with " + exitCode) + "\nstdout: "
                    + stdout + "\nstderr: " + stderr;
        }
    }

    /**
     * A running {@code mosquitto_sub}. Output lines are gathered as they come; {@link #close()} kills the process if
     * it has not exited.
     */
    public static final class Subscriber implements AutoCloseable {
        private final String command;
        private final Process process;
        private final Output stdout;
        private final Output stderr;

        private Subscriber(String command, Process process) {
            this.command = command;
            this.process = process;
            this.stdout = Output.collect(process.getInputStream(), "mosquitto_sub-out");
            this.stderr = Output.collect(process.getErrorStream(), "mosquitto_sub-err");
        }

        /** Waits until the client has received its SUBACK (a debug line); fails with the output otherwise. */
        public void awaitSubscribed(Duration timeout) {
            if (!stdout.await(lines -> lines.stream().anyMatch(l -> l.contains("received SUBACK")), timeout)) {
                throw new AssertionError(describe("no SUBACK within " + timeout.toMillis() + " ms"));
            }
        }

        /** Waits for at least {@code count} message lines and returns all seen so far; fails on timeout. */
        public List<String> awaitOutput(int count, Duration timeout) {
            if (!stdout.await(lines -> messageLines(lines).size() >= count, timeout)) {
                throw new AssertionError(
                        describe("expected " + count + " message line(s) within " + timeout.toMillis() + " ms"));
            }
            return output();
        }

        /** The message lines so far (debug lines of {@code -d} left out). */
        public List<String> output() {
            return messageLines(stdout.lines());
        }

        /** All stdout lines so far, debug lines included (they show each packet, e.g. {@code r1} for RETAIN). */
        public List<String> allOutput() {
            return List.copyOf(stdout.lines());
        }

        /** Waits for the process to exit by itself; returns its exit code, or fails on timeout. */
        public int awaitExit(Duration timeout) {
            if (!waitFor(process, timeout)) {
                throw new AssertionError(describe("did not exit within " + timeout.toMillis() + " ms"));
            }
            return process.exitValue();
        }

        /** A message naming the command and its output so far. */
        public String describe(String what) {
            return what + ": `" + command + "`\nstdout: " + stdout.lines() + "\nstderr: " + stderr.lines();
        }

        /** Kills the process (SIGKILL): the broker sees the connection drop without DISCONNECT. */
        public void kill() {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(5));
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                waitFor(process, Duration.ofSeconds(5));
            }
        }

        private static List<String> messageLines(List<String> lines) {
            return lines.stream().filter(Predicate.not(Subscriber::isDebugLine)).toList();
        }

        private static boolean isDebugLine(String line) {
            return line.startsWith("Client ") || line.startsWith("Subscribed (mid:");
        }
    }

    /** The lines of one process stream, read by a daemon thread until the stream ends. */
    private static final class Output {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Output(InputStream stream, String name) {
            this.reader = new Thread(() -> read(stream), name);
            reader.setDaemon(true);
            reader.start();
        }

        static Output collect(InputStream stream, String name) {
            return new Output(stream, name);
        }

        private void read(InputStream stream) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed: the lines read so far are what it printed
            }
            synchronized (this) {
                notifyAll();
            }
        }

        List<String> lines() {
            return lines;
        }

        /** Every line, after the stream has ended (waits at most 5 s for the reader). */
        List<String> drained() {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(lines);
        }

        synchronized boolean await(Predicate<List<String>> condition, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(lines)) {
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
    }
}
