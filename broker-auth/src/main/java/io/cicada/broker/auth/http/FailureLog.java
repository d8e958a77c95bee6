package io.cicada.broker.auth.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the HTTP service's failures with the URL and the reason, at most once per interval and URL, with the number of
 * failures not logged since. Thread-safe: called from the HTTP client's threads.
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<URI, Window> windows = new ConcurrentHashMap<>();

    FailureLog(long intervalNanos, LongSupplier nanoTime) {
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    /** Logs {@code reason} for {@code url}, or counts it when a line for that URL was logged within the interval. */
    boolean failed(URI url, String reason, FailurePolicy policy) {
        Window window = windows.computeIfAbsent(url, u -> new Window());
        long now = nanoTime.getAsLong();
        long last = window.lastLogged.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            window.suppressed.incrementAndGet();
            return false;
        }
        if (!window.lastLogged.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return false;
        }
        long suppressed = window.suppressed.getAndSet(0);
        log.warn(
                "HTTP auth service {} failed: {}; failure policy '{}' applied{}",
                url,
                reason,
                policy,
                suppressed == 0 ? "" : " (" + suppressed + " more failures since the last line)");
        return true;
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
