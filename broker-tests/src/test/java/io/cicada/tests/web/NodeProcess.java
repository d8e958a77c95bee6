package io.cicada.tests.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node script run by a test, its output lines collected by a reader thread and handed out with a timeout. Closing
 * it kills the process. Used from one test thread.
 */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    NodeProcess(Path dir, String script, String... args) throws IOException {
        this(dir, Map.of(), script, args);
    }

    /** With extra environment variables. */
    NodeProcess(Path dir, Map<String, String> environment, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(this::read, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ FAILED " + e);
        }
    }

    /** The next line that starts with {@code prefix}, waiting at most 15 s in all; earlier lines are skipped. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' from node; it printed " + seen);
    }

    /** The exit code, waiting at most 15 s. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new AssertionError("node did not exit; it printed " + seen);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
