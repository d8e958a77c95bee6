package io.cicada.broker.persistence;

import io.cicada.broker.retain.RetainedStore;
import io.cicada.broker.session.SessionJournal;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable storage of one broker: opens the data directory, reads back what it holds, and hands the core its
 * {@link SessionJournal} and {@link RetainedStore}, both written by one {@link GroupCommitWriter}. Created and closed
 * by the server's assembly; close it after the core shut down, so the last changes are committed and synced.
 */
public final class DurableStorage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableStorage.class);

    private final RocksDbStore store;
    private final StoredState state;
    private final GroupCommitWriter writer;
    private final RocksDbSessionJournal journal;
    private final RocksDbRetainedStore retained;

    private DurableStorage(PersistenceSettings settings) {
        this.store = RocksDbStore.open(settings.dataDirectory());
        try {
            this.state = new StoredState(store);
            StoreRecovery recovery = new StoreRecovery(store, state);
            List<SessionJournal.StoredSession> sessions = recovery.read();
            List<io.cicada.broker.message.Message> retainedMessages = recovery.retained();
            this.writer = new GroupCommitWriter(store, settings, state::flush);
            this.journal = new RocksDbSessionJournal(
                    writer, state, settings.syncPolicy(), recovery.lastSessionId(), sessions, recovery.wills());
            this.retained = new RocksDbRetainedStore(
                    writer, store, settings.maxRetainedMessages(), settings.maxRetainedBytes(), retainedMessages);
            writer.start();
            log.info(
                    "data directory {} (sync {}): {} sessions, {} queued messages, {} retained messages",
                    settings.dataDirectory().toAbsolutePath(),
                    settings.syncPolicy().configName(),
                    sessions.size(),
                    sessions.stream().mapToInt(s -> s.deliveries().size()).sum(),
                    retainedMessages.size());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the data directory of {@code settings} (durable mode).
     *
     * @throws StoreCorruptException naming the path when the directory cannot be used
     */
    public static DurableStorage open(PersistenceSettings settings) {
        return new DurableStorage(settings);
    }

    public SessionJournal journal() {
        return journal;
    }

    public RetainedStore retainedStore() {
        return retained;
    }

    public Path directory() {
        return store.directory;
    }

    /** Bytes the data directory takes on disk. */
    public long diskBytes() {
        return store.diskBytes();
    }

    /** Messages stored for queues right now (each once, however many queues hold it). */
    int storedMessages() {
        int[] count = new int[1];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        writer.afterCommit(() -> {
            count[0] = state.storedMessages();
            done.countDown();
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count[0];
    }

    /** Records (puts and deletes) written to the store so far (for tests: what a group commit cost). */
    long recordsWritten() {
        long[] count = new long[1];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        writer.afterCommit(() -> {
            count[0] = writer.changesWritten();
            done.countDown();
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count[0];
    }

    /** Commits and syncs what is queued, stops the writer and closes the database. */
    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
