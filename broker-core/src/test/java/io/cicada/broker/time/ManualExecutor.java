package io.cicada.broker.time;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An event loop stand-in: tasks wait until the test runs them, on the test's thread. */
public final class ManualExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final String name;

    public ManualExecutor(String name) {
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs queued tasks, including ones they queue, up to a bound; returns how many ran. */
    public int runAll() {
        int ran = 0;
        Runnable task;
        while (ran < 100_000 && (task = tasks.poll()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    public int pending() {
        return tasks.size();
    }

    @Override
    public String toString() {
        return name;
    }
}
