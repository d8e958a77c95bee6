package io.cicada.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a reload action when one of its files changes (modification time, size or file key, so that an atomic rename
 * and a Kubernetes secret's symlink swap are both seen). Polls on one daemon thread, which also runs the actions;
 * polling rather than a {@code WatchService} because the latter misses changes behind symlinks and on some file
 * systems. {@link #checkNow()} may be called from any thread.
 */
final class FileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

    private final List<Watched> watched = new ArrayList<>();
    private final Map<Path, Object> stamps = new HashMap<>();
    private ScheduledExecutorService thread;

    private record Watched(List<Path> files, Runnable reload) {}

    /** Watches {@code files}; when any of them changes, {@code reload} runs once. Call before {@link #start}. */
    synchronized void watch(List<Path> files, Runnable reload) {
        watched.add(new Watched(List.copyOf(files), Objects.requireNonNull(reload, "reload")));
        for (Path file : files) {
            stamps.put(file, stamp(file));
        }
    }

    /** Starts polling every {@code interval}; zero does not start it. */
    synchronized void start(Duration interval) {
        if (interval.isZero() || watched.isEmpty()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "cicada-file-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Checks every file now and runs the reload actions of those that changed. */
    synchronized void checkNow() {
        for (Watched entry : watched) {
            boolean changed = false;
            for (Path file : entry.files()) {
                Object now = stamp(file);
                if (!Objects.equals(now, stamps.put(file, now))) {
                    changed = true;
                }
            }
            if (changed) {
                try {
                    entry.reload().run();
                } catch (RuntimeException e) {
                    log.warn("reloading after a change of {} failed", entry.files(), e);
                }
            }
        }
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(
                    attributes.lastModifiedTime().toMillis(),
                    attributes.size(),
                    String.valueOf(attributes.fileKey()),
                    String.valueOf(file.toRealPath()));
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
