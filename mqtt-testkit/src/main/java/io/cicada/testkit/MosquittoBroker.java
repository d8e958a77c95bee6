package io.cicada.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs Debian's Mosquitto broker (package {@code mosquitto}) as a separate process on 127.0.0.1 and a free port,
 * with a temporary configuration, so Cicada's tools are tested against a broker that shares no code with Cicada.
 * Stopped by its own process handle, never by name. Used from the test thread.
 *
 * <pre>{@code
 * try (MosquittoBroker mosquitto = MosquittoBroker.start("allow_anonymous true")) {
 *     int port = mosquitto.port();
 * }
 * }</pre>
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path directory;

    private MosquittoBroker(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** True when the {@code mosquitto} binary is installed. */
    public static boolean available() {
        return BINARIES.stream().anyMatch(Files::isExecutable);
    }

    /**
     * Starts Mosquitto with a {@code listener PORT 127.0.0.1} line followed by {@code configLines}, and waits until it
     * accepts connections; fails the test with its output if it does not start within 15 seconds.
     */
    public static MosquittoBroker start(String... configLines) {
        Path binary = BINARIES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("mosquitto is not installed: apt-get install -y mosquitto"));
        try {
            Path directory = Files.createTempDirectory("cicada-mosquitto");
            int port = freePort();
            String config = Stream.concat(Stream.of("listener " + port + " 127.0.0.1"), Stream.of(configLines))
                    .collect(Collectors.joining("\n", "", "\n"));
            Path configFile = directory.resolve("mosquitto.conf");
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
            Path log = directory.resolve("mosquitto.log");
            Process process = new ProcessBuilder(binary.toString(), "-c", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MosquittoBroker broker = new MosquittoBroker(process, port, directory);
            broker.awaitListening(log);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The broker's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 5 seconds) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited at start-up:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if it exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new AssertionError("mosquitto did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
