package io.cicada.broker.persistence;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.session.SessionJournal;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A focused harness for the journal writer, not a timed test (its name keeps it out of the default build; {@code mvn
 * -o -pl broker-persistence -am test -Dtest=JournalWriterBenchmark -Dsurefire.failIfNoSpecifiedTests=false}): what one
 * durable QoS 1 message to an online subscriber costs the {@code cicada-journal} thread, without the network, the
 * event loops or the other processes of a shared machine in the figure. {@code PUBLISHERS} threads each append
 * {@code MESSAGES} deliveries with the journal calls of the real flow (enqueued on the publisher's loop, then sent and,
 * {@code LAG} messages later, removed by the subscriber's PUBACK), with up to {@code WINDOW} messages waiting for their
 * commit, as a publisher waits for its PUBACKs. Prints the writer thread's CPU time and the records written per message.
 */
class JournalWriterBenchmark {
    private static final int PUBLISHERS = Integer.getInteger("cicada.bench.publishers", 8);
    private static final int MESSAGES = Integer.getInteger("cicada.bench.messages", 25_000);
    private static final int WINDOW = Integer.getInteger("cicada.bench.window", 100);
    private static final int LAG = Integer.getInteger("cicada.bench.lag", 20);

    @TempDir
    Path dir;

    @Test
    void writerCostPerMessage() throws Exception {
        for (int round = 1; round <= 2; round++) {
            try (DurableStorage storage =
                    DurableStorage.open(PersistenceSettings.durable(dir.resolve("data-" + round)))) {
                run(storage, round);
            }
        }
    }

    private static void run(DurableStorage storage, int round) throws Exception {
        SessionJournal journal = storage.journal();
        long subscriber = journal.newSessionId();
        journal.sessionSaved(subscriber, "bench-sub", 3600);
        CountDownLatch saved = new CountDownLatch(1);
        journal.afterCommit(saved::countDown);
        saved.await();
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cicada-journal"))
                .findFirst()
                .orElseThrow();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getThreadCpuTime(writer.getId());
        long recordsBefore = storage.recordsWritten();
        Payload payload = Payload.wrap(new byte[64]);
        java.util.concurrent.atomic.AtomicLong seqs = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> publishers = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < PUBLISHERS; p++) {
            String topic = "bench/" + p;
            Thread publisher = new Thread(() -> {
                Semaphore window = new Semaphore(WINDOW);
                long[] sent = new long[LAG];
                for (int i = 0; i < MESSAGES; i++) {
                    window.acquireUninterruptibly();
                    Message message = new Message(topic, 1, false, payload, Properties.EMPTY, "pub", 0L);
                    long seq = seqs.incrementAndGet();
                    journal.enqueued(subscriber, new Delivery(message, 1, false, List.of()).withJournalSeq(seq));
                    journal.sent(subscriber, seq, (int) (seq % 65_535) + 1);
                    long acknowledged = sent[i % LAG];
                    if (acknowledged != 0) {
                        journal.removed(subscriber, acknowledged);
                    }
                    sent[i % LAG] = seq;
                    journal.afterCommit(window::release);
                }
                for (long seq : sent) {
                    if (seq != 0) {
                        journal.removed(subscriber, seq);
                    }
                }
                window.acquireUninterruptibly(WINDOW);
            });
            publishers.add(publisher);
            publisher.start();
        }
        for (Thread publisher : publishers) {
            publisher.join();
        }
        long elapsed = System.nanoTime() - start;
        long records = storage.recordsWritten() - recordsBefore;
        long cpu = threads.getThreadCpuTime(writer.getId()) - cpuBefore;
        long total = (long) PUBLISHERS * MESSAGES;
        System.out.printf(
                "round %d: %d messages in %.2f s (%.0f msg/s); writer CPU %.2f s = %.1f us/message; %.2f records/message;"
                        + " %d stored at the end%n",
                round,
                total,
                elapsed / 1e9,
                total * 1e9 / elapsed,
                cpu / 1e9,
                cpu / 1e3 / total,
                (double) records / total,
                storage.storedMessages());
    }
}
