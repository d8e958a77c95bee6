package io.cicada.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cicada-VERSION.tar.gz} that {@code mvn package} builds, unpacked and used as a user would: its layout,
 * {@code bin/cicada --version}, and a broker started from it serving {@code bin/cicada sub} and {@code bin/cicada pub}.
 * Runs in the integration-test phase, after the archive exists; unpacks with {@code tar}.
 */
class DistributionArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("cicada.archive", "target/missing.tar.gz"));
    private static final String VERSION = System.getProperty("cicada.version", "unknown");
    private static final Pattern LISTENING = Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void archiveHoldsTheLauncherConfigurationLibrariesAndDocuments() throws Exception {
        List<String> entries = run(Duration.ofSeconds(30), "tar", "tzvf", ARCHIVE.toString());
        String root = "cicada-" + VERSION + "/";
        assertThat(entries).anyMatch(e -> e.startsWith("-rwxr-xr-x") && e.endsWith(root + "bin/cicada"));
        assertThat(entries.stream().map(e -> e.substring(e.lastIndexOf(' ') + 1)))
                .contains(
                        root + "conf/cicada.yaml",
                        root + "README.md",
                        root + "LICENSE",
                        root + "packaging/cicada.service",
                        root + "packaging/Dockerfile",
                        root + "lib/cicada-dist-" + VERSION + ".jar",
                        root + "lib/broker-server-" + VERSION + ".jar",
                        root + "lib/mqtt-cli-" + VERSION + ".jar",
                        root + "lib/picocli-4.7.7.jar");
    }

    @Test
    void unpackedDistributionRunsABrokerAndTheTools() throws Exception {
        run(Duration.ofSeconds(30), "tar", "xzf", ARCHIVE.toString(), "-C", dir.toString());
        Path cicada = dir.resolve("cicada-" + VERSION).resolve("bin").resolve("cicada");

        assertThat(run(Duration.ofSeconds(30), cicada.toString(), "--version")).containsExactly("cicada " + VERSION);

        Process broker = new ProcessBuilder(cicada.toString(), "broker", "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            int port = awaitPort(broker);
            String p = Integer.toString(port);
            Process sub = new ProcessBuilder(
                            cicada.toString(),
                            "sub",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            p,
                            "-t",
                            "dist/+",
                            "-v",
                            "-C",
                            "1",
                            "-W",
                            "30",
                            "-d")
                    .start();
            CompletableFuture<List<String>> printed = lines(sub, false);
            awaitLine(sub, "received SUBACK");
            assertThat(run(
                            Duration.ofSeconds(30),
                            cicada.toString(),
                            "pub",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            p,
                            "-t",
                            "dist/check",
                            "-m",
                            "packaged",
                            "-q",
                            "1"))
                    .isEmpty();
            assertThat(sub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sub.exitValue()).isZero();
            assertThat(printed.get(10, TimeUnit.SECONDS)).containsExactly("dist/check packaged");
        } finally {
            broker.destroy(); // SIGTERM: the graceful shutdown path
            assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Reads the broker's output until its "listening on" line and returns the bound port. */
    private static int awaitPort(Process broker) throws Exception {
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        Thread drain = new Thread(() -> drain(reader), "broker-output");
                        drain.setDaemon(true);
                        drain.start();
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new AssertionError("the broker ended without listening");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    private static void awaitLine(Process process, String text) throws Exception {
        CompletableFuture<Void> seen = CompletableFuture.runAsync(() -> {
            try {
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains(text)) {
                        return;
                    }
                }
                throw new AssertionError("no line with '" + text + "'");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        seen.get(30, TimeUnit.SECONDS);
    }

    private static CompletableFuture<List<String>> lines(Process process, boolean stderr) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    stderr ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return lines;
        });
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // The broker's log is not checked here.
            }
        } catch (IOException e) {
            // The broker ended.
        }
    }

    /** Runs a command to its end and returns its standard output; fails on a non-zero exit. */
    private static List<String> run(Duration timeout, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<List<String>> output = lines(process, false);
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        List<String> lines = output.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
