package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.message.Message;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.routing.TopicTree;
import io.cicada.broker.session.SessionJournal.StoredDelivery;
import io.cicada.broker.session.SessionJournal.StoredSession;
import io.cicada.broker.time.FakeClock;
import io.cicada.broker.time.FakeTimers;
import io.cicada.broker.time.ManualExecutor;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restoring stored sessions at start-up: expired ones and expired messages go, the rest comes back as it was. */
class SessionRestoreTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeTimers timers = new FakeTimers(clock);
    private final RecordingJournal journal = new RecordingJournal();
    private final TopicTree tree = new TopicTree();
    private final SessionRegistry registry = new SessionRegistry(
            new InMemorySessionStore(),
            BrokerSettings.defaults(),
            tree,
            clock,
            new BrokerStats(),
            timers,
            session -> {},
            null,
            journal);
    private final ManualExecutor owner = new ManualExecutor("recovered");

    private long now() {
        return clock.millis();
    }

    private Delivery delivery(long seq, Long expirySeconds, long receivedAt) {
        Properties properties = expirySeconds == null
                ? Properties.EMPTY
                : Properties.builder().messageExpiryInterval(expirySeconds).build();
        Message message = new Message("t", 1, false, Payload.utf8("m" + seq), properties, "p", receivedAt);
        return new Delivery(message, 1, false, List.of()).withJournalSeq(seq);
    }

    private static StoredSession stored(
            long id, String clientId, long expiry, long offlineSince, List<StoredDelivery> deliveries) {
        TopicSubscription subscription = new TopicSubscription(null, "t", Subscription.of("t", 1), 0);
        return new StoredSession(id, clientId, expiry, offlineSince, List.of(subscription), deliveries, List.of(4));
    }

    @Test
    void aSessionWhoseExpiryPassedWhileTheBrokerWasDownIsRemoved() {
        int restored = registry.restore(
                List.of(
                        stored(1, "gone", 60, now() - 61_000, List.of()),
                        stored(2, "kept", 60, now() - 59_000, List.of())),
                owner);

        assertThat(restored).isEqualTo(1);
        assertThat(registry.find("gone")).isNull();
        assertThat(registry.find("kept")).isNotNull();
        assertThat(journal.calls).containsExactly("removed-session 1");
    }

    @Test
    void theRestoredSessionExpiresWhenWhatRemainedOfItsIntervalPasses() {
        registry.restore(List.of(stored(2, "kept", 60, now() - 50_000, List.of())), owner);

        timers.advance(Duration.ofSeconds(9));
        owner.runAll();
        assertThat(registry.find("kept")).isNotNull();
        timers.advance(Duration.ofSeconds(2));
        owner.runAll();
        assertThat(registry.find("kept")).isNull();
        assertThat(journal.calls).contains("removed-session 2");
    }

    @Test
    void subscriptionsInflightQueueAndInboundIdsComeBackAndExpiredMessagesGo() {
        List<StoredDelivery> deliveries = new ArrayList<>();
        deliveries.add(new StoredDelivery(delivery(5, null, now()), 17, true));
        deliveries.add(new StoredDelivery(delivery(6, 10L, now() - 11_000), 0, false)); // expired
        deliveries.add(new StoredDelivery(delivery(7, 10L, now() - 1_000), 0, false));
        deliveries.add(new StoredDelivery(delivery(8, null, now()), 0, false));

        registry.restore(List.of(stored(3, "full", Session.NEVER_EXPIRES, 0, deliveries)), owner);

        Session session = registry.find("full");
        assertThat(session.expiryIntervalSeconds()).isEqualTo(Session.NEVER_EXPIRES);
        assertThat(session.subscriptions()).singleElement().satisfies(s -> assertThat(s.subscriber())
                .isSameAs(session));
        assertThat(tree.subscriptionCount()).isEqualTo(1);
        assertThat(session.inflight().size()).isEqualTo(1);
        assertThat(session.queuedMessages()).isEqualTo(2);
        assertThat(session.isAwaitingRelease(4)).isTrue();
        assertThat(journal.calls).containsExactly("removed 3 6");
        // New deliveries continue the stored sequence.
        session.offer(new Delivery(
                new Message("t", 1, false, Payload.utf8("new"), Properties.EMPTY, "p", now()), 1, false, List.of()));
        assertThat(journal.calls).last().isEqualTo("enqueued 3 9");
    }

    @Test
    void ofTwoStoredSessionsOfOneClientTheNewerWins() {
        registry.restore(List.of(stored(7, "twice", 600, 0, List.of()), stored(9, "twice", 600, 0, List.of())), owner);

        assertThat(registry.find("twice").storeId()).isEqualTo(9);
        assertThat(journal.calls).containsExactly("removed-session 7");
    }
}
