package io.cicada.cli.bench;

import io.cicada.cli.client.PacketListener;
import io.cicada.mqtt.packet.Publish;
import java.nio.ByteBuffer;

/**
 * One bench subscriber: counts every message and records its end-to-end latency from the publisher's time stamp in
 * the first 8 payload bytes (ignored when implausible: not from a bench publisher on this machine). Called on its
 * connection's event loop; writes only the thread-safe {@link BenchStats}.
 */
final class Subscriber implements PacketListener {
    private static final long PLAUSIBLE_MICROS = 3_600_000_000L;

    private final BenchStats stats;

    Subscriber(BenchStats stats) {
        this.stats = stats;
    }

    @Override
    public void message(Publish publish) {
        stats.received(System.nanoTime());
        byte[] payload = publish.payload().array();
        if (payload.length >= 8) {
            long latency = BenchClock.micros() - ByteBuffer.wrap(payload).getLong();
            if (latency >= 0 && latency < PLAUSIBLE_MICROS) {
                stats.endToEnd(latency);
            }
        }
    }
}
