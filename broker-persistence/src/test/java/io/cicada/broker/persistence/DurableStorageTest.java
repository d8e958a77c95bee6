package io.cicada.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.SessionJournal;
import io.cicada.broker.session.SessionJournal.StoredSession;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB journal and store on their own: what is written comes back, once, and drained data leaves the disk. */
class DurableStorageTest {

    @TempDir
    Path dir;

    private DurableStorage open() {
        return DurableStorage.open(PersistenceSettings.durable(dir.resolve("data")));
    }

    private static void commit(SessionJournal journal) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        journal.afterCommit(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Message message(String topic, String payload) {
        return new Message(topic, 1, false, Payload.utf8(payload), Properties.EMPTY, "pub", 1_000L);
    }

    @Test
    void sessionsSubscriptionsQueuesAndInflightStateComeBackAfterReopening() throws Exception {
        Message shared = message("t/1", "shared");
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long a = journal.newSessionId();
            long b = journal.newSessionId();
            journal.sessionSaved(a, "client-a", 3600);
            journal.sessionSaved(b, "client-b", SessionJournalExpiry.NEVER);
            journal.subscribed(a, new TopicSubscription(null, "t/#", new Subscription("t/#", 2, true, false, 1), 7));
            journal.enqueued(a, new Delivery(shared, 1, false, List.of(7)).withJournalSeq(1));
            journal.enqueued(b, new Delivery(shared, 1, false, List.of()).withJournalSeq(1));
            journal.enqueued(a, new Delivery(message("t/2", "second"), 1, false, List.of()).withJournalSeq(2));
            journal.sent(a, 1, 42);
            journal.released(a, 1);
            journal.awaitingRelease(b, 9);
            journal.sessionOffline(b, 5_000L);
            commit(journal);
            assertThat(storage.storedMessages()).isEqualTo(2); // "shared" once for both queues
        }
        try (DurableStorage storage = open()) {
            List<StoredSession> sessions = storage.journal().recover();
            assertThat(sessions).hasSize(2);
            StoredSession a = sessions.get(0);
            assertThat(a.clientId()).isEqualTo("client-a");
            assertThat(a.expirySeconds()).isEqualTo(3600);
            assertThat(a.offlineSinceMillis()).isZero();
            assertThat(a.subscriptions()).singleElement().satisfies(s -> {
                assertThat(s.topicFilter()).isEqualTo("t/#");
                assertThat(s.options()).isEqualTo(new Subscription("t/#", 2, true, false, 1));
                assertThat(s.subscriptionIdentifier()).isEqualTo(7);
            });
            assertThat(a.deliveries()).hasSize(2);
            assertThat(a.deliveries().get(0).packetId()).isEqualTo(42);
            assertThat(a.deliveries().get(0).released()).isTrue();
            assertThat(a.deliveries().get(0).delivery().subscriptionIdentifiers())
                    .containsExactly(7);
            assertThat(a.deliveries().get(1).delivery().message().payload().asUtf8())
                    .isEqualTo("second");
            assertThat(a.deliveries().get(1).packetId()).isZero();
            StoredSession b = sessions.get(1);
            assertThat(b.offlineSinceMillis()).isEqualTo(5_000L);
            assertThat(b.awaitingRelease()).containsExactly(9);
            // the same message object in both queues, as before the restart
            assertThat(b.deliveries().get(0).delivery().message())
                    .isSameAs(a.deliveries().get(0).delivery().message());
            assertThat(storage.journal().newSessionId()).isGreaterThan(b.sessionId());
        }
    }

    @Test
    void delayedWillsComeBackAfterReopeningUntilDoneOrTheirSessionEnds() throws Exception {
        Message will = new Message(
                "w/a",
                1,
                true,
                Payload.utf8("gone"),
                Properties.builder().contentType("text/plain").build(),
                "a",
                0);
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long a = journal.newSessionId();
            long b = journal.newSessionId();
            long c = journal.newSessionId();
            journal.sessionSaved(a, "client-a", 3600);
            journal.sessionSaved(b, "client-b", 3600);
            journal.sessionSaved(c, "client-c", 3600);
            journal.willDelayed(a, will, "alice", 123_456L);
            journal.willDelayed(b, will, null, 1L);
            journal.willDelayed(c, will, null, 1L);
            journal.willDone(b);
            journal.sessionRemoved(c);
            journal.willDelayed(99, will, null, 1L); // no such session: not stored
            commit(journal);
        }
        try (DurableStorage storage = open()) {
            assertThat(storage.journal().recover()).hasSize(2);
            assertThat(storage.journal().recoverWills()).singleElement().satisfies(stored -> {
                assertThat(stored.clientId()).isEqualTo("client-a");
                assertThat(stored.username()).isEqualTo("alice");
                assertThat(stored.dueMillis()).isEqualTo(123_456L);
                assertThat(stored.will().topic()).isEqualTo("w/a");
                assertThat(stored.will().retain()).isTrue();
                assertThat(stored.will().payload().asUtf8()).isEqualTo("gone");
                assertThat(stored.will().properties().contentType()).isEqualTo("text/plain");
            });
            assertThat(storage.journal().recoverWills()).as("handed out once").isEmpty();
        }
    }

    @Test
    void aDataDirectoryOfTheFirstLayoutGetsTheWillsFamilyAdded() throws Exception {
        Path data = dir.resolve("data");
        try (DurableStorage storage = open()) {
            commit(storage.journal());
        }
        // Drop the family added later, as a data directory written before it existed lacks it.
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions();
                org.rocksdb.ColumnFamilyOptions family = new org.rocksdb.ColumnFamilyOptions()) {
            List<org.rocksdb.ColumnFamilyDescriptor> descriptors = new java.util.ArrayList<>();
            for (byte[] name : org.rocksdb.RocksDB.listColumnFamilies(new org.rocksdb.Options(), data.toString())) {
                descriptors.add(new org.rocksdb.ColumnFamilyDescriptor(name, family));
            }
            List<org.rocksdb.ColumnFamilyHandle> handles = new java.util.ArrayList<>();
            try (org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, data.toString(), descriptors, handles)) {
                for (org.rocksdb.ColumnFamilyHandle handle : handles) {
                    if (new String(handle.getName(), java.nio.charset.StandardCharsets.UTF_8).equals("wills")) {
                        db.dropColumnFamily(handle);
                    }
                    handle.close();
                }
            }
        }
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long id = journal.newSessionId();
            journal.sessionSaved(id, "later", 60);
            journal.willDelayed(id, message("w/b", "b"), null, 5L);
            commit(journal);
        }
        try (DurableStorage storage = open()) {
            assertThat(storage.journal().recoverWills()).hasSize(1);
        }
    }

    /** Holds the writer on its thread until the returned latch is counted down, so what follows is one group. */
    private static CountDownLatch holdWriter(SessionJournal journal) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        journal.afterCommit(() -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void aDeliveryEnqueuedSentAndRemovedWithinOneCommitWritesNothing() throws Exception {
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long a = journal.newSessionId();
            long b = journal.newSessionId();
            journal.sessionSaved(a, "a", 60);
            journal.sessionSaved(b, "b", 60);
            commit(journal);
            long before = storage.recordsWritten();

            CountDownLatch release = holdWriter(journal);
            journal.enqueued(a, new Delivery(message("x", "gone"), 1, false, List.of()).withJournalSeq(1));
            journal.sent(a, 1, 5);
            journal.removed(a, 1);
            Message kept = message("x", "kept");
            journal.enqueued(a, new Delivery(kept, 1, false, List.of()).withJournalSeq(2));
            journal.sent(a, 2, 6);
            journal.released(a, 2);
            journal.enqueued(b, new Delivery(message("x", "ended"), 1, false, List.of()).withJournalSeq(1));
            journal.sessionRemoved(b);
            release.countDown();
            commit(journal);
            // "gone": nothing; "kept": its message and one entry in its latest state; b: its four deletes
            assertThat(storage.recordsWritten() - before).isEqualTo(2 + 4);
            assertThat(storage.storedMessages()).isEqualTo(1);

            long afterFirst = storage.recordsWritten();
            journal.removed(a, 2);
            commit(journal);
            assertThat(storage.recordsWritten() - afterFirst).isEqualTo(2); // an entry and a message on disk: deleted
            assertThat(storage.storedMessages()).isZero();
            journal.enqueued(a, new Delivery(kept, 1, false, List.of()).withJournalSeq(3));
            journal.sent(a, 3, 7);
            commit(journal);
        }
        try (DurableStorage storage = open()) {
            List<StoredSession> sessions = storage.journal().recover();
            assertThat(sessions).singleElement().satisfies(s -> {
                assertThat(s.clientId()).isEqualTo("a");
                assertThat(s.deliveries()).singleElement().satisfies(d -> {
                    assertThat(d.packetId()).isEqualTo(7);
                    assertThat(d.delivery().message().payload().asUtf8()).isEqualTo("kept");
                });
            });
        }
    }

    @Test
    void removedEntriesAndSessionsTakeTheirMessagesWithThem() throws Exception {
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long a = journal.newSessionId();
            long b = journal.newSessionId();
            journal.sessionSaved(a, "a", 60);
            journal.sessionSaved(b, "b", 60);
            Message m = message("x", "m");
            journal.enqueued(a, new Delivery(m, 1, false, List.of()).withJournalSeq(1));
            journal.enqueued(b, new Delivery(m, 1, false, List.of()).withJournalSeq(1));
            journal.removed(a, 1);
            commit(journal);
            assertThat(storage.storedMessages()).isEqualTo(1); // b still holds it
            journal.sessionRemoved(b);
            commit(journal);
            assertThat(storage.storedMessages()).isZero();
        }
        try (DurableStorage storage = open()) {
            List<StoredSession> sessions = storage.journal().recover();
            assertThat(sessions).singleElement().satisfies(s -> assertThat(s.deliveries())
                    .isEmpty());
        }
    }

    @Test
    void theDataDirectoryShrinksBackAfterTheQueuesDrain() throws Exception {
        long empty;
        try (DurableStorage storage = open()) {
            commit(storage.journal());
            empty = storage.diskBytes();
        }
        byte[] big = new byte[16 * 1024];
        try (DurableStorage storage = open()) {
            SessionJournal journal = storage.journal();
            long id = journal.newSessionId();
            journal.sessionSaved(id, "drain", 60);
            for (int i = 1; i <= 2_000; i++) {
                Message m = new Message("d", 1, false, Payload.wrap(big), Properties.EMPTY, null, 0);
                journal.enqueued(id, new Delivery(m, 1, false, List.of()).withJournalSeq(i));
            }
            commit(journal);
            assertThat(storage.diskBytes()).isGreaterThan(empty + 30L * 1024 * 1024);
            for (int i = 1; i <= 2_000; i++) {
                journal.removed(id, i);
            }
            commit(journal);
        }
        try (DurableStorage storage = open()) {
            assertThat(storage.diskBytes()).isLessThan(empty + 2L * 1024 * 1024);
        }
    }

    @Test
    void overTheDiskUsageLimitNewMessagesAreRefusedUntilItShrinks() throws Exception {
        PersistenceSettings settings =
                PersistenceSettings.durable(dir.resolve("data")).withMaxDiskBytes(4L * 1024 * 1024);
        try (DurableStorage storage = DurableStorage.open(settings)) {
            SessionJournal journal = storage.journal();
            long id = journal.newSessionId();
            journal.sessionSaved(id, "big", 60);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 1; i <= 100; i++) {
                Message m = new Message("d", 1, false, Payload.wrap(chunk), Properties.EMPTY, null, 0);
                journal.enqueued(id, new Delivery(m, 1, false, List.of()).withJournalSeq(i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                commit(journal);
                assertThat(journal.accepting()).isFalse();
            });
            for (int i = 1; i <= 100; i++) {
                journal.removed(id, i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                commit(journal);
                assertThat(journal.accepting()).isTrue();
            });
        }
    }

    @Test
    void retainedMessagesAreStoredReplacedAndCleared() throws Exception {
        try (DurableStorage storage = open()) {
            storage.retainedStore().put(message("r/1", "one"));
            storage.retainedStore().put(message("r/2", "two"));
            storage.retainedStore().put(message("r/2", "two again"));
            storage.retainedStore().remove("r/1");
            commit(storage.journal());
        }
        try (DurableStorage storage = open()) {
            assertThat(storage.retainedStore().size()).isEqualTo(1);
            assertThat(storage.retainedStore().get("r/2").payload().asUtf8()).isEqualTo("two again");
        }
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedAndLeftAlone() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("photo.jpg"), "not a database");

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreCorruptException.class)
                .hasMessageContaining(data.toAbsolutePath().toString())
                .hasMessageContaining("no CURRENT file");
        assertThat(data.resolve("photo.jpg")).hasContent("not a database");
    }

    @Test
    void aDamagedDatabaseIsRefusedWithItsPathAndNotWiped() throws Exception {
        try (DurableStorage storage = open()) {
            storage.retainedStore().put(message("keep", "me"));
            commit(storage.journal());
        }
        Path data = dir.resolve("data");
        Files.writeString(data.resolve("CURRENT"), "MANIFEST-999999\n"); // points at a manifest that does not exist
        List<Path> before;
        try (var files = Files.list(data)) {
            before = files.sorted().toList();
        }

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreCorruptException.class)
                .hasMessageContaining("cannot open the data directory " + data.toAbsolutePath());
        try (var files = Files.list(data)) {
            assertThat(files.sorted().toList()).containsAll(before); // RocksDB may only add a rotated info LOG
        }
        assertThat(data.resolve("CURRENT")).hasContent("MANIFEST-999999");
    }

    /** Session expiry values as the core uses them. */
    private static final class SessionJournalExpiry {
        static final long NEVER = 0xFFFF_FFFFL;
    }
}
