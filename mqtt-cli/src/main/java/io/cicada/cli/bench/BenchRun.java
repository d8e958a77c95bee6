package io.cicada.cli.bench;

import io.cicada.cli.client.ClientTransport;
import io.cicada.cli.client.Endpoint;
import io.cicada.cli.client.Failures;
import io.cicada.cli.client.MqttConnection;
import io.cicada.cli.client.PacketListener;
import io.cicada.mqtt.packet.Connect;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One bench run's machinery: the event loops, the connection ramp at {@code --connect-rate}, the progress line once
 * a second (with the CSV rows) and the clean-up. Created and driven by a bench command on the main thread; the
 * connections live on the event loops and the once-a-second work on one scheduler thread.
 */
final class BenchRun implements AutoCloseable {
    private final BenchOptions options;
    private final PrintWriter err;
    private final ClientTransport transport;
    private final BenchStats stats = new BenchStats();
    private final BenchCsv csv;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cicada-bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<MqttConnection> connections = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();
    private volatile String phase = "connect";
    private ScheduledFuture<?> progress;
    private BenchStats.Interval previous = null;

    BenchRun(BenchOptions options, PrintWriter err) throws IOException {
        this.options = options;
        this.err = err;
        this.transport = ClientTransport.start(options.threads);
        this.csv = options.csv == null ? null : BenchCsv.create(options.csv);
    }

    BenchStats stats() {
        return stats;
    }

    /** Starts the progress line (stderr) and CSV rows, once a second. */
    void startProgress() {
        progress = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Names what the run does now in the progress line ({@code connect}, {@code publish}, {@code drain}). */
    void phase(String value) {
        phase = value;
    }

    /**
     * Opens {@code count} connections at {@code --connect-rate} per second and waits for all of them (at most until
     * each has had its connect timeout). Failures are counted and reported, not thrown; returns the connections that
     * are up, by index (null where a connection failed).
     */
    List<MqttConnection> connectAll(
            int firstIndex, int count, IntFunction<Connect> connect, IntFunction<PacketListener> listener)
            throws InterruptedException {
        Endpoint endpoint = options.endpoint();
        List<CompletableFuture<MqttConnection>> pending = new ArrayList<>(count);
        long intervalNanos = 1_000_000_000L / options.connectRate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the ramp, not waiting for an event
            }
            next += intervalNanos;
            int index = firstIndex + i;
            long started = System.nanoTime();
            CompletableFuture<MqttConnection> opened =
                    MqttConnection.open(transport, endpoint, connect.apply(index), listener.apply(index));
            pending.add(opened.whenComplete((connection, error) -> {
                if (error == null) {
                    stats.connected.increment();
                    stats.connectLatency((System.nanoTime() - started) / 1000L);
                    connections.add(connection);
                    connection.closeFuture().whenComplete((v, e) -> stats.disconnects.increment());
                } else {
                    stats.connectFailures.increment();
                    if (stats.connectFailures.sum() <= 3) {
                        err.println("bench: client " + index + ": " + Failures.message(error));
                        err.flush();
                    }
                }
            }));
        }
        List<MqttConnection> result = new ArrayList<>(count);
        for (CompletableFuture<MqttConnection> future : pending) {
            try {
                result.add(future.get(endpoint.connectTimeoutMillis() + 30_000L, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                result.add(null);
            }
        }
        return result;
    }

    /** Seconds since the run started. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Stops the progress line, takes the last interval and closes the CSV file. */
    void stopProgress() {
        if (progress != null) {
            progress.cancel(false);
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick();
        if (csv != null) {
            csv.close();
        }
    }

    /** Disconnects every connection (DISCONNECT, then close) and waits at most 10 seconds for them. */
    void disconnectAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (MqttConnection connection : connections) {
            closing.add(connection.disconnect());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("bench: not every connection closed within 10 s");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (MqttConnection connection : connections) {
            connection.abort();
        }
        transport.close();
        if (csv != null) {
            csv.close();
        }
    }

    private synchronized void tick() {
        BenchStats.Interval now = stats.interval();
        BenchStats.Interval before = previous;
        previous = now;
        long sentRate = now.sent() - (before == null ? 0 : before.sent());
        long ackedRate = now.acked() - (before == null ? 0 : before.acked());
        long receivedRate = now.received() - (before == null ? 0 : before.received());
        long second = Math.round(elapsedSeconds());
        if (csv != null) {
            csv.row(second, now, sentRate, ackedRate, receivedRate);
        }
        if (!options.quiet) {
            err.printf(
                    "[%4ds] %-8s conns %d  sent %d/s  acked %d/s  recv %d/s  ack p99 %s  e2e p99 %s%n",
                    second,
                    phase,
                    now.connected() - stats.disconnects.sum(),
                    sentRate,
                    ackedRate,
                    receivedRate,
                    BenchReport.millis(now.ackLatency(), 99.0),
                    BenchReport.millis(now.endToEnd(), 99.0));
            err.flush();
        }
    }
}
