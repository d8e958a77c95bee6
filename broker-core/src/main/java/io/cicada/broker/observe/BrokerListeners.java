package io.cicada.broker.observe;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the {@link BrokerListener}s on their own thread, {@code cicada-broker-listeners}, through a queue of
 * at most {@link #QUEUE} events; beyond it events are dropped and counted. Thread-safe: the methods are called on
 * event loops and only enqueue (nothing at all, and nothing is allocated, when there are no listeners).
 */
public final class BrokerListeners implements AutoCloseable {

    static final int QUEUE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(BrokerListeners.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final List<BrokerListener> listeners;
    private final Clock clock;
    private final ExecutorService thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong lastErrorLog = new AtomicLong(Long.MIN_VALUE / 2);

    public BrokerListeners(List<BrokerListener> listeners, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.thread = this.listeners.isEmpty() ? null : listenerThread();
    }

    /** No listeners. */
    public static BrokerListeners none() {
        return new BrokerListeners(List.of(), Clock.systemUTC());
    }

    /** Whether any listener is there to hear events. */
    public boolean active() {
        return thread != null;
    }

    void connected(String clientId, String username, String address, String listener, String version) {
        if (thread != null) {
            BrokerListener.ClientConnected event =
                    new BrokerListener.ClientConnected(clientId, username, address, listener, version, clock.millis());
            deliver(l -> l.clientConnected(event));
        }
    }

    void disconnected(
            String clientId, String username, String address, String listener, String version, String reason) {
        if (thread != null) {
            BrokerListener.ClientDisconnected event = new BrokerListener.ClientDisconnected(
                    clientId, username, address, listener, version, reason, clock.millis());
            deliver(l -> l.clientDisconnected(event));
        }
    }

    void published(String clientId, String username, String topic, int qos, boolean retain, int payloadSize) {
        if (thread != null) {
            BrokerListener.MessagePublished event = new BrokerListener.MessagePublished(
                    clientId, username, topic, qos, retain, payloadSize, clock.millis());
            deliver(l -> l.messagePublished(event));
        }
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        return dropped.get();
    }

    private void deliver(Consumer<BrokerListener> call) {
        try {
            thread.execute(() -> {
                for (BrokerListener listener : listeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException | LinkageError e) {
                        if (due(lastErrorLog)) {
                            log.warn("broker listener {} failed; it keeps getting events", listener.getClass(), e);
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            long count = dropped.incrementAndGet();
            if (!thread.isShutdown() && due(lastDropLog)) {
                log.warn("broker listeners are {} events behind: event dropped ({} dropped in all)", QUEUE, count);
            }
        }
    }

    private boolean due(AtomicLong last) {
        long now = clock.millis();
        long before = last.get();
        return now - before >= LOG_INTERVAL_MILLIS && last.compareAndSet(before, now);
    }

    /** Delivers the events already queued (for at most a second), then stops the thread. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ExecutorService listenerThread() {
        return new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), runnable -> {
            Thread t = new Thread(runnable, "cicada-broker-listeners");
            t.setDaemon(true);
            return t;
        });
    }
}
