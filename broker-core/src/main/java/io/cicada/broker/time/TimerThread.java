package io.cicada.broker.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link Timers}: one daemon thread named {@code cicada-timer}. Thread-safe; tasks run on that thread,
 * which never does protocol work itself (tasks hop to the owning event loop).
 */
public final class TimerThread implements Timers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TimerThread.class);

    private final ScheduledExecutorService executor;

    public TimerThread() {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cicada-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        if (executor.isShutdown()) {
            return () -> {};
        }
        ScheduledFuture<?> future = executor.schedule(() -> runGuarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("timer task failed", e);
        }
    }

    /** Stops the thread; pending tasks are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
