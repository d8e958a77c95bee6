package io.cicada.tests.durability;

import io.cicada.server.cli.CicadaMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cicada broker} as a separate JVM on a data directory, so a test can {@code kill -9} it. Its output is read by
 * a thread of its own and kept for failure messages. Used by one test thread.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private BrokerProcess(Process process) {
        this.process = process;
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            output.add(line);
                            Matcher matcher = LISTENING.matcher(line);
                            if (matcher.find()) {
                                bound.complete(Integer.parseInt(matcher.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        // the process died: the output so far is kept
                    }
                    bound.completeExceptionally(new IllegalStateException("broker exited: " + output));
                },
                "broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = bound.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not start: " + output, e);
        }
    }

    /** Starts a durable broker on {@code dataDirectory} with any free port, plus extra {@code --set} values. */
    static BrokerProcess start(Path dataDirectory, String... settings) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-Dlogback.configurationFile=logback.xml")); // the server's own, not the tests' (warnings only)
        // Extra JVM options for the broker, e.g. -Dcicada.broker.jvmArgs=-XX:StartFlightRecording=filename=x.jfr
        String jvmArgs = System.getProperty("cicada.broker.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                classPath,
                CicadaMain.class.getName(),
                "broker",
                "--port",
                "0",
                "--set",
                "data_dir=" + dataDirectory,
                "--set",
                "sys_interval=0"));
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        try {
            return new BrokerProcess(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    List<String> output() {
        return output;
    }

    /** SIGKILL: no shutdown hook, no flush; waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
