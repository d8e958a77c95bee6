package io.cicada.broker.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The open RocksDB database of a data directory and its column families, one per concern (see {@link StoreKeys}).
 * Opening checks that the directory is Cicada's: a directory with other files in it, a database without Cicada's
 * format marker, or one RocksDB cannot open stops start-up with a {@link StoreCorruptException} naming the path; it
 * is never wiped. Thread-safe (RocksDB is); closed once, after the writer stopped.
 */
final class RocksDbStore implements AutoCloseable {
    private static final byte[] FORMAT_KEY = "cicada.format".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORMAT = "1".getBytes(StandardCharsets.UTF_8);
    private static final List<String> FAMILIES =
            List.of("sessions", "subscriptions", "queue", "inbound", "messages", "retained", "wills");
    /** Families added after the first format: created when a database of the first layout is opened. */
    private static final List<String> ADDED_FAMILIES = List.of("wills");

    static {
        RocksDB.loadLibrary();
    }

    final Path directory;
    final RocksDB db;
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle sessions;
    final ColumnFamilyHandle subscriptions;
    final ColumnFamilyHandle queue;
    final ColumnFamilyHandle inbound;
    final ColumnFamilyHandle messages;
    final ColumnFamilyHandle retained;
    final ColumnFamilyHandle wills;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final List<ColumnFamilyHandle> handles;

    private RocksDbStore(
            Path directory,
            DBOptions options,
            ColumnFamilyOptions familyOptions,
            RocksDB db,
            List<ColumnFamilyHandle> handles) {
        this.directory = directory;
        this.options = options;
        this.familyOptions = familyOptions;
        this.db = db;
        this.handles = handles;
        this.meta = handles.get(0);
        this.sessions = handles.get(1);
        this.subscriptions = handles.get(2);
        this.queue = handles.get(3);
        this.inbound = handles.get(4);
        this.messages = handles.get(5);
        this.retained = handles.get(6);
        this.wills = handles.get(7);
    }

    /** Opens (or creates) the database in {@code directory}. */
    static RocksDbStore open(Path directory) {
        boolean fresh = prepare(directory);
        DBOptions options = new DBOptions()
                .setCreateIfMissing(fresh)
                .setCreateMissingColumnFamilies(fresh || onlyAddedFamiliesMissing(directory))
                .setParanoidChecks(true)
                .setMaxTotalWalSize(64L << 20)
                .setKeepLogFileNum(2)
                .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions().setWriteBufferSize(16L << 20);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (String family : FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(family.getBytes(StandardCharsets.UTF_8), familyOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(options, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            options.close();
            familyOptions.close();
            throw new StoreCorruptException(
                    "cannot open the data directory " + directory.toAbsolutePath() + ": " + e.getMessage()
                            + " (it is left as it is; fix it, or move it away to start empty)",
                    e);
        }
        RocksDbStore store = new RocksDbStore(directory, options, familyOptions, db, handles);
        store.checkFormat(fresh);
        return store;
    }

    /** True when the directory is new (absent or empty); throws when it holds something that is not a database. */
    private static boolean prepare(Path directory) {
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory);
                return true;
            }
            if (!Files.isDirectory(directory)) {
                throw corrupt(directory, "it is not a directory");
            }
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isEmpty()) {
                    return true;
                }
            }
            if (!Files.exists(directory.resolve("CURRENT"))) {
                throw corrupt(directory, "it is not empty and holds no Cicada database (no CURRENT file)");
            }
            return false;
        } catch (IOException e) {
            throw corrupt(directory, e.toString());
        }
    }

    /**
     * True when the database holds every family of the first layout and lacks only families added since, which are
     * then created empty; a database missing other families is not opened as Cicada's.
     */
    private static boolean onlyAddedFamiliesMissing(Path directory) {
        try (org.rocksdb.Options probe = new org.rocksdb.Options()) {
            List<String> existing = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(probe, directory.toString())) {
                existing.add(new String(name, StandardCharsets.UTF_8));
            }
            List<String> missing = new ArrayList<>(FAMILIES);
            missing.removeAll(existing);
            return !existing.isEmpty() && ADDED_FAMILIES.containsAll(missing);
        } catch (RocksDBException e) {
            return false; // opening reports the problem
        }
    }

    private void checkFormat(boolean fresh) {
        try {
            if (fresh) {
                try (WriteOptions sync = new WriteOptions().setSync(true)) {
                    db.put(meta, sync, FORMAT_KEY, FORMAT);
                }
                return;
            }
            byte[] format = db.get(meta, FORMAT_KEY);
            if (format == null) {
                close();
                throw corrupt(directory, "the database has no Cicada format marker");
            }
            if (!java.util.Arrays.equals(format, FORMAT)) {
                close();
                throw corrupt(directory, "unknown storage format " + new String(format, StandardCharsets.UTF_8));
            }
        } catch (RocksDBException e) {
            close();
            throw corrupt(directory, e.getMessage());
        }
    }

    static StoreCorruptException corrupt(Path directory, String why) {
        return new StoreCorruptException("cannot use the data directory " + directory.toAbsolutePath() + ": " + why
                + " (it is left as it is; fix it, or move it away to start empty)");
    }

    /**
     * Writes every column family's memtable to disk, so that the write-ahead log files behind them can be deleted;
     * blocks until done (writer thread only).
     */
    void flushAll() throws RocksDBException {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, handles);
        }
    }

    /** Bytes on disk: SST files plus write-ahead log. */
    long diskBytes() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> {
                        try {
                            return Files.isRegularFile(file) ? Files.size(file) : 0;
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
        options.close();
        familyOptions.close();
    }
}
