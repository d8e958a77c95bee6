package io.cicada.broker.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link Timers} driven by a {@link FakeClock}: tasks run, on the test's thread, when {@link #advance} passes them. */
public final class FakeTimers implements Timers {
    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private final class Task implements Scheduled {
        final long dueMillis;
        final long order;
        final Runnable body;

        Task(long dueMillis, long order, Runnable body) {
            this.dueMillis = dueMillis;
            this.order = order;
            this.body = body;
        }

        @Override
        public void cancel() {
            synchronized (FakeTimers.this) {
                tasks.remove(this);
            }
        }
    }

    public FakeTimers(FakeClock clock) {
        this.clock = clock;
    }

    public FakeClock clock() {
        return clock;
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, Duration delay) {
        Task scheduled = new Task(clock.millis() + delay.toMillis(), sequence++, task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves the clock forward, running every task that falls due on the way, at its due time. */
    public void advance(Duration duration) {
        long end = clock.millis() + duration.toMillis();
        for (int i = 0; i < 100_000; i++) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.dueMillis <= end)
                        .min(Comparator.<Task>comparingLong(t -> t.dueMillis).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.dueMillis > clock.millis()) {
                clock.advance(Duration.ofMillis(next.dueMillis - clock.millis()));
            }
            next.body.run();
        }
        if (end > clock.millis()) {
            clock.advance(Duration.ofMillis(end - clock.millis()));
        }
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
