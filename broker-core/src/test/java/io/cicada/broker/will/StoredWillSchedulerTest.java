package io.cicada.broker.will;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.message.Message;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.broker.routing.Router;
import io.cicada.broker.routing.TopicTree;
import io.cicada.broker.time.FakeClock;
import io.cicada.broker.time.FakeTimers;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The durable side of the scheduler: what it keeps in its {@link DelayedWillStore}, and publishing only after commit. */
class StoredWillSchedulerTest {
    private final FakeClock clock = new FakeClock();
    private final FakeTimers timers = new FakeTimers(clock);
    private final RetainedMessages retained = new RetainedMessages(new InMemoryRetainedStore(), clock::millis);
    private final RecordingStore store = new RecordingStore();
    private final Object persistent = new Object();
    private final Object transientSession = new Object();
    private final WillScheduler wills = new WillScheduler(
            new Router(new TopicTree(), retained, Authorizer.allowAll()),
            timers,
            clock,
            store,
            key -> key == persistent ? 7 : 0);

    /** Records the calls; runs commit callbacks only when told, as a journal runs them after its commit. */
    private static final class RecordingStore implements DelayedWillStore {
        final List<String> calls = new ArrayList<>();
        final List<Runnable> waitingForCommit = new ArrayList<>();

        @Override
        public void delayed(long storeId, Message will, String username, long dueMillis) {
            calls.add("delayed " + storeId + " " + will.topic() + " " + username + " " + dueMillis);
        }

        @Override
        public void done(long storeId) {
            calls.add("done " + storeId);
        }

        @Override
        public void afterCommit(Runnable task) {
            waitingForCommit.add(task);
        }

        void commit() {
            List<Runnable> tasks = new ArrayList<>(waitingForCommit);
            waitingForCommit.clear();
            tasks.forEach(Runnable::run);
        }
    }

    private static Message will() {
        return new Message("will/c", 0, true, Payload.utf8("gone"), Properties.EMPTY, "c", 0);
    }

    private boolean published() {
        return retained.count() == 1;
    }

    @Test
    void aPersistentSessionsWillIsKeptAndPublishedOnlyOnceItsDeletionIsCommitted() {
        long now = clock.millis();
        wills.schedule(persistent, will(), "alice", 30);
        assertThat(store.calls).containsExactly("delayed 7 will/c alice " + (now + 30_000));

        timers.advance(Duration.ofSeconds(30));
        assertThat(store.calls).endsWith("done 7");
        assertThat(published()).as("not before the deletion is committed").isFalse();
        store.commit();
        assertThat(published()).isTrue();
    }

    @Test
    void aReconnectForgetsTheKeptWill() {
        wills.schedule(persistent, will(), null, 30);
        wills.cancel(persistent); // [MQTT-3.1.3-9]
        timers.advance(Duration.ofMinutes(1));
        store.commit();
        assertThat(store.calls).hasSize(2).endsWith("done 7");
        assertThat(published()).isFalse();
    }

    @Test
    void aSessionThatIsNotStoredKeepsNothing() {
        wills.schedule(transientSession, will(), null, 30);
        timers.advance(Duration.ofSeconds(30));
        assertThat(store.calls).isEmpty();
        assertThat(published()).isTrue();
    }

    @Test
    void aRestoredWillWaitsForTheRestOfItsDelayOrGoesAtOnceWhenOverdue() {
        wills.restore(persistent, 7, will(), null, clock.millis() + 10_000);
        timers.advance(Duration.ofSeconds(9));
        store.commit();
        assertThat(published()).isFalse();
        timers.advance(Duration.ofSeconds(1));
        store.commit();
        assertThat(published()).isTrue();
        assertThat(store.calls).containsExactly("done 7"); // restored: already kept, not kept again

        retained.retain(new Message("will/c", 0, true, Payload.EMPTY, Properties.EMPTY, null, 0));
        wills.restore(new Object(), 8, will(), null, clock.millis() - 1);
        store.commit();
        assertThat(published()).as("overdue: published at start-up").isTrue();
    }
}
