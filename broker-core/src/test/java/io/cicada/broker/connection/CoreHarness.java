package io.cicada.broker.connection;

import io.cicada.broker.BrokerCore;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.time.FakeClock;
import io.cicada.broker.time.FakeTimers;
import io.cicada.broker.time.ManualExecutor;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link BrokerCore} on fakes: two manual event loops, a fake clock and fake timers, and {@link TestClient}s over
 * {@link RecordingOutbound}. Everything runs on the test's thread when the test says so.
 */
public final class CoreHarness {
    /** Test defaults: $SYS off so it does not add retained messages; everything else as shipped. */
    public static final BrokerSettings SETTINGS =
            BrokerSettings.builder().sysIntervalSeconds(0).build();

    public final FakeClock clock = new FakeClock();
    public final FakeTimers timers = new FakeTimers(clock);
    public final ManualExecutor loopA = new ManualExecutor("loop-a");
    public final ManualExecutor loopB = new ManualExecutor("loop-b");
    public final BrokerCore core;
    private int port = 50_000;

    public CoreHarness() {
        this(SETTINGS);
    }

    public CoreHarness(BrokerSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    public CoreHarness(BrokerSettings settings, UnaryOperator<BrokerCore.Builder> customize) {
        this.core = customize
                .apply(BrokerCore.builder(settings).clock(clock).timers(timers))
                .build();
    }

    /** A new client connection on loop A. */
    public TestClient client() {
        return client(loopA);
    }

    public TestClient client(ManualExecutor loop) {
        RecordingOutbound outbound = new RecordingOutbound(loop, timers, "127.0.0.1:" + port++);
        Inbound inbound = core.accept(outbound);
        return new TestClient(this, outbound, inbound);
    }

    /** Runs every loop's tasks until all are idle. */
    public void runAll() {
        for (int round = 0; round < 1_000; round++) {
            if (loopA.runAll() + loopB.runAll() == 0) {
                return;
            }
        }
        throw new AssertionError("event loops did not go idle");
    }

    /** Moves time forward in small steps, running the loops after each step. */
    public void advance(Duration duration) {
        long remaining = duration.toMillis();
        while (remaining > 0) {
            long step = Math.min(remaining, 250);
            timers.advance(Duration.ofMillis(step));
            runAll();
            remaining -= step;
        }
    }

    /** Runs {@code action} as a task of the outbound's loop (so the core sees it on its event loop), then all loops. */
    void runOn(RecordingOutbound outbound, Runnable action) {
        outbound.executor().execute(action);
        runAll();
    }

    public List<ManualExecutor> loops() {
        return List.of(loopA, loopB);
    }
}
