package io.cicada.broker.connection;

import io.cicada.broker.time.FakeTimers;
import io.cicada.broker.time.ManualExecutor;
import io.cicada.mqtt.packet.MqttPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** An {@link Outbound} that records what the core sends; timers run on {@link FakeTimers}, tasks on a manual loop. */
public final class RecordingOutbound implements Outbound {
    private final ManualExecutor loop;
    private final FakeTimers timers;
    private final String remoteAddress;
    private final List<MqttPacket> sent = new ArrayList<>();
    private int flushed;
    private int flushes;
    private boolean closed;
    private boolean writable = true;
    private int readPauses;

    public RecordingOutbound(ManualExecutor loop, FakeTimers timers, String remoteAddress) {
        this.loop = loop;
        this.timers = timers;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public synchronized void send(MqttPacket packet) {
        if (!closed) {
            sent.add(packet);
        }
    }

    @Override
    public synchronized void flush() {
        flushed = sent.size();
        flushes++;
    }

    @Override
    public synchronized void close() {
        flush();
        closed = true;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    public void writable(boolean value) {
        this.writable = value;
    }

    @Override
    public Executor executor() {
        return loop;
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        return timers.schedule(() -> loop.execute(task), Duration.ofMillis(unit.toMillis(delay)))::cancel;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String listenerName() {
        return "tcp";
    }

    /** Every packet sent so far. */
    public synchronized List<MqttPacket> sent() {
        return List.copyOf(sent);
    }

    /** Packets that reached the "socket" (were flushed). */
    public synchronized List<MqttPacket> flushedPackets() {
        return List.copyOf(sent.subList(0, flushed));
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void clear() {
        sent.clear();
        flushed = 0;
    }

    @Override
    public synchronized void pauseReading(ReadPause reason) {
        readPauses |= reason.bit();
    }

    @Override
    public synchronized void resumeReading(ReadPause reason) {
        readPauses &= ~reason.bit();
    }

    @Override
    public synchronized boolean isReadingPaused() {
        return readPauses != 0;
    }
}
