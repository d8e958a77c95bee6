package io.cicada.broker.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the store ({@code cicada-journal}): it takes every change queued since its last commit,
 * writes them as one {@link WriteBatch} (synced under {@link SyncPolicy#ALWAYS}: one fsync for the whole group), then
 * runs the callbacks queued among them, in order. While one commit syncs, the next group gathers, so the number of
 * messages per fsync grows with the load and an event loop never waits for the disk. Changes may be queued from any
 * thread; everything else runs on the writer thread.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_GROUP = 50_000;
    /** Changes after which the churning families are compacted, so drained data leaves the disk (and at close). */
    private static final long COMPACT_AFTER_CHANGES = 500_000;

    /** One change to the store, applied on the writer thread. */
    interface Change {
        void apply(WriteBatch batch) throws RocksDBException;
    }

    private record Callback(Runnable task) implements Change {
        @Override
        public void apply(WriteBatch batch) {}
    }

    private static final Change STOP = batch -> {};

    private final RocksDbStore store;
    /** Completes each group's batch after its changes, before the write (the deferred queue and message records). */
    private final Change beforeWrite;

    private final SyncPolicy policy;
    private final long commitIntervalNanos;
    private final long syncIntervalNanos;
    private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final WriteOptions writeOptions;
    private volatile boolean failed;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;
    private long commits;
    private long changesWritten;
    private long changesSinceCompaction;
    private final long maxDiskBytes;
    private long lastDiskCheckNanos;
    private volatile boolean overDiskLimit;

    GroupCommitWriter(RocksDbStore store, PersistenceSettings settings, Change beforeWrite) {
        this.store = store;
        this.beforeWrite = beforeWrite;
        this.policy = settings.syncPolicy();
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMillis());
        this.syncIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, settings.syncIntervalMillis()));
        this.writeOptions = new WriteOptions().setSync(policy == SyncPolicy.ALWAYS);
        this.maxDiskBytes = settings.maxDiskBytes();
        this.thread = new Thread(this::run, "cicada-journal");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a change; any thread. */
    void submit(Change change) {
        changes.add(change);
    }

    /** Runs {@code task} on the writer thread after everything queued before it is committed; any thread. */
    void afterCommit(Runnable task) {
        changes.add(new Callback(task));
    }

    /** Commits written so far (for tests and the benchmark). */
    long commits() {
        return commits;
    }

    long changesWritten() {
        return changesWritten;
    }

    private void run() {
        List<Change> group = new ArrayList<>();
        List<Runnable> callbacks = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                Change first = changes.poll(syncIntervalNanos, TimeUnit.NANOSECONDS);
                if (first == null) {
                    syncIfDue();
                    continue;
                }
                group.add(first);
                gather(group);
                stopping = commit(group, callbacks);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            group.clear();
            callbacks.clear();
        }
    }

    private void gather(List<Change> group) throws InterruptedException {
        if (commitIntervalNanos > 0) {
            long deadline = System.nanoTime() + commitIntervalNanos;
            long left;
            while (group.size() < MAX_GROUP && (left = deadline - System.nanoTime()) > 0) {
                Change next = changes.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                group.add(next);
            }
        }
        changes.drainTo(group, MAX_GROUP - group.size());
    }

    /** Writes one group and runs its callbacks; true when the group held the stop request. */
    private boolean commit(List<Change> group, List<Runnable> callbacks) {
        boolean stop = false;
        try (WriteBatch batch = new WriteBatch()) {
            for (Change change : group) {
                if (change == STOP) {
                    stop = true;
                } else if (change instanceof Callback callback) {
                    callbacks.add(callback.task());
                } else {
                    change.apply(batch);
                }
            }
            beforeWrite.apply(batch);
            if (batch.count() > 0) {
                store.db.write(writeOptions, batch);
                commits++;
                changesWritten += batch.count();
                changesSinceCompaction += batch.count();
                unsynced = policy != SyncPolicy.ALWAYS;
            }
            if (changesSinceCompaction >= COMPACT_AFTER_CHANGES) {
                compact();
            }
            checkDiskUsage();
            syncIfDue();
        } catch (RocksDBException | RuntimeException e) {
            if (!failed) {
                log.error(
                        "cannot write to the data directory {}: {}; QoS 1/2 messages are no longer acknowledged",
                        store.directory.toAbsolutePath(),
                        e.toString());
            }
            failed = true;
        }
        if (!failed) {
            for (Runnable callback : callbacks) {
                runSafely(callback);
            }
        }
        if (stop) {
            syncNow();
            compact();
        }
        return stop;
    }

    /** False while the data directory is over {@code max_disk_usage}; any thread. */
    boolean accepting() {
        return !overDiskLimit;
    }

    /** At most once a second: measures the data directory against its limit and logs each crossing once. */
    private void checkDiskUsage() {
        long now = System.nanoTime();
        if (maxDiskBytes <= 0 || now - lastDiskCheckNanos < 1_000_000_000L) {
            return;
        }
        lastDiskCheckNanos = now;
        if (overDiskLimit) {
            compact(); // while over the limit, delivered data is given back to the disk before measuring again
        }
        long used = store.diskBytes();
        boolean over = used > maxDiskBytes;
        if (over && !overDiskLimit) {
            log.warn(
                    "data directory {} uses {} bytes, over max_disk_usage {}: new messages for persistent sessions are"
                            + " refused (dropped and counted) until it shrinks",
                    store.directory.toAbsolutePath(),
                    used,
                    maxDiskBytes);
        } else if (!over && overDiskLimit) {
            log.warn(
                    "data directory {} is back under max_disk_usage ({} of {} bytes): messages are stored again",
                    store.directory.toAbsolutePath(),
                    used,
                    maxDiskBytes);
        }
        overDiskLimit = over;
    }

    /** Flushes and compacts the families that churn, so delivered messages and ended sessions leave no data behind. */
    private void compact() {
        changesSinceCompaction = 0;
        try {
            store.flushAll();
            for (var family : java.util.List.of(store.queue, store.messages, store.sessions, store.subscriptions)) {
                store.db.compactRange(family);
            }
        } catch (RocksDBException e) {
            log.warn("cannot compact the data directory {}: {}", store.directory.toAbsolutePath(), e.toString());
        }
    }

    private void syncIfDue() {
        if (unsynced && System.nanoTime() - lastSyncNanos >= syncIntervalNanos) {
            syncNow();
        }
    }

    private void syncNow() {
        try {
            store.db.flushWal(true);
            unsynced = false;
            lastSyncNanos = System.nanoTime();
        } catch (RocksDBException e) {
            log.warn("cannot sync the write-ahead log in {}: {}", store.directory.toAbsolutePath(), e.toString());
        }
    }

    private static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("a commit callback failed", e);
        }
    }

    /** Commits what is queued, syncs, and stops the thread; waits for it. */
    @Override
    public void close() {
        changes.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeOptions.close();
    }
}
