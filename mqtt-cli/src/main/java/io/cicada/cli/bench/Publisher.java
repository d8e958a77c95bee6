package io.cicada.cli.bench;

import io.cicada.cli.client.MqttConnection;
import io.cicada.cli.client.PacketListener;
import io.cicada.mqtt.packet.Properties;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bench publisher: keeps its connection busy at its share of {@code --rate} (or as fast as the broker takes
 * messages), with at most {@code --inflight} unacknowledged QoS 1/2 publishes and never past the channel's write
 * buffer limit. Every field except {@link #done}, the acknowledged count (volatile, one writer) and the connection (set
 * by the thread that calls {@link #start} and {@link #stop}, before it hands work to the loop) is touched only on the
 * connection's event loop.
 *
 * <p>Each payload starts with the send time ({@link BenchClock#micros()}, 8 bytes) so subscribers can measure end to
 * end latency; the rest is zeros up to {@code --size}.
 */
final class Publisher implements PacketListener {
    /** Publishes written before yielding the event loop to other connections and flushing. */
    private static final int BURST = 256;

    private final BenchStats stats;
    private final String topic;
    private final int qos;
    private final int size;
    private final double perSecond;
    private final long limit;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private MqttConnection connection;
    private int window;
    private long startNanos;
    private long sentCount;
    private int inflight;
    private boolean stopping;
    private boolean pumpQueued;
    private boolean started;
    private ScheduledFuture<?> ticker;
    /** Written on the event loop only; read by the main thread for the delivery check. */
    private volatile long ackedCount;

    /**
     * @param perSecond this publisher's rate; 0 for as fast as possible
     * @param limit messages to send before stopping; 0 for no limit
     */
    Publisher(BenchStats stats, String topic, int qos, int size, double perSecond, long limit) {
        this.stats = stats;
        this.topic = topic;
        this.qos = qos;
        this.size = Math.max(8, size);
        this.perSecond = perSecond;
        this.limit = limit;
    }

    /** Starts publishing on {@code connection}'s event loop with at most {@code inflight} unacknowledged. */
    void start(MqttConnection connection, int inflight) {
        // Set on the calling thread, which also calls stop(); the loop sees it through execute().
        this.connection = connection;
        connection.eventLoop().execute(() -> {
            started = true;
            Integer brokerMax = connection.connAck().properties().receiveMaximum();
            this.window = brokerMax == null ? inflight : Math.min(inflight, brokerMax);
            startNanos = System.nanoTime();
            if (perSecond > 0) {
                ticker = connection.eventLoop().scheduleAtFixedRate(this::pump, 10, 10, TimeUnit.MILLISECONDS);
            }
            connection.closeFuture().whenComplete((v, e) -> finish());
            pump();
        });
    }

    /** Stops sending; {@link #done()} completes once every QoS 1/2 publish is acknowledged (or failed). */
    void stop() {
        if (connection == null) {
            done.complete(null);
            return;
        }
        connection.eventLoop().execute(() -> {
            stopping = true;
            if (inflight == 0) {
                finish();
            }
        });
    }

    /** Completes when this publisher sent its last message and has nothing in flight. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Messages acknowledged so far (QoS 0: written to the connection). */
    long acked() {
        return ackedCount;
    }

    @Override
    public void writable(boolean writable) {
        if (writable && started) {
            pump();
        }
    }

    private void pump() {
        pumpQueued = false;
        int burst = 0;
        while (burst < BURST && canSend()) {
            send();
            burst++;
        }
        if (burst > 0) {
            connection.flush();
        }
        if (burst == BURST && !pumpQueued) {
            pumpQueued = true;
            connection.eventLoop().execute(this::pump); // let the loop read acks and serve its other channels
        }
        if (limit > 0 && sentCount >= limit && !stopping) {
            stopping = true;
            if (inflight == 0) {
                finish();
            }
        }
    }

    private boolean canSend() {
        if (stopping || !connection.isWritable() || (limit > 0 && sentCount >= limit)) {
            return false;
        }
        if (qos > 0 && inflight >= window) {
            return false;
        }
        return perSecond <= 0 || sentCount < perSecond * (System.nanoTime() - startNanos) / 1e9;
    }

    private void send() {
        byte[] payload = new byte[size];
        ByteBuffer.wrap(payload).putLong(BenchClock.micros());
        sentCount++;
        stats.sent.increment();
        if (qos == 0) {
            connection.publishOnLoop(topic, 0, false, Properties.EMPTY, payload, null, false);
            stats.acked.increment();
            ackedCount++;
            return;
        }
        inflight++;
        long started = System.nanoTime();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        acked.whenComplete((v, error) -> acknowledged(started, error));
        connection.publishOnLoop(topic, qos, false, Properties.EMPTY, payload, acked, false);
    }

    private void acknowledged(long started, Throwable error) {
        inflight--;
        if (error == null) {
            stats.acked.increment();
            ackedCount++;
            stats.ackLatency((System.nanoTime() - started) / 1000L);
        } else {
            stats.publishFailures.increment();
        }
        if (stopping && inflight == 0) {
            finish();
        } else if (!stopping && !pumpQueued) {
            pumpQueued = true;
            connection.eventLoop().execute(this::pump); // one pump per read cycle, not one per ack
        }
    }

    private void finish() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        done.complete(null);
    }
}
