package io.cicada.broker.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the broker stores its state: in memory only, or durably in a data directory. Immutable.
 *
 * @param mode {@link Mode#MEMORY} or {@link Mode#DURABLE}
 * @param dataDirectory where the RocksDB files live (durable mode); null in memory mode
 * @param syncPolicy when a group commit is acknowledged, see {@link SyncPolicy}
 * @param commitIntervalMillis how long a group commit may wait to gather more changes before it is written (0 =
 *     write as soon as the previous commit is done)
 * @param syncIntervalMillis the fsync period of {@link SyncPolicy#BATCH}
 * @param maxRetainedMessages the most retained messages kept (0 = no limit); a retained PUBLISH for a new topic past
 *     it is routed but not retained, and counted
 * @param maxDiskBytes the most bytes the data directory may take (0 = no limit); past it, new messages for persistent
 *     sessions are refused (dropped and counted, as a full queue refuses them) until it shrinks
 * @param maxRetainedBytes the most bytes (payloads and topics) the retained messages may take (0 = no limit); a
 *     retained PUBLISH past it is routed but not retained, and counted. The retained limits apply in memory mode too.
 */
public record PersistenceSettings(
        Mode mode,
        Path dataDirectory,
        SyncPolicy syncPolicy,
        int commitIntervalMillis,
        int syncIntervalMillis,
        int maxRetainedMessages,
        long maxDiskBytes,
        long maxRetainedBytes) {

    /** Whether anything is stored. */
    public enum Mode {
        MEMORY,
        DURABLE
    }

    public PersistenceSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        if (mode == Mode.DURABLE) {
            Objects.requireNonNull(dataDirectory, "a durable broker needs a data directory");
        }
    }

    /** Memory mode: nothing survives a restart (the embedded broker's and the tests' default). */
    public static PersistenceSettings memory() {
        return new PersistenceSettings(Mode.MEMORY, null, SyncPolicy.ALWAYS, 0, 100, 0, 0, 0);
    }

    /** Durable mode in {@code directory} with the default policy: fsync before every acknowledgement. */
    public static PersistenceSettings durable(Path directory) {
        return new PersistenceSettings(Mode.DURABLE, directory, SyncPolicy.ALWAYS, 0, 100, 0, 0, 0);
    }

    public boolean durable() {
        return mode == Mode.DURABLE;
    }

    public PersistenceSettings withSyncPolicy(SyncPolicy policy) {
        return new PersistenceSettings(
                mode,
                dataDirectory,
                policy,
                commitIntervalMillis,
                syncIntervalMillis,
                maxRetainedMessages,
                maxDiskBytes,
                maxRetainedBytes);
    }

    public PersistenceSettings withMaxDiskBytes(long bytes) {
        return new PersistenceSettings(
                mode,
                dataDirectory,
                syncPolicy,
                commitIntervalMillis,
                syncIntervalMillis,
                maxRetainedMessages,
                bytes,
                maxRetainedBytes);
    }

    /** These settings with the retained-message limits (0 = no limit), which apply in memory mode too. */
    public PersistenceSettings withRetainedLimits(int maxMessages, long maxBytes) {
        return new PersistenceSettings(
                mode,
                dataDirectory,
                syncPolicy,
                commitIntervalMillis,
                syncIntervalMillis,
                maxMessages,
                maxDiskBytes,
                maxBytes);
    }
}
