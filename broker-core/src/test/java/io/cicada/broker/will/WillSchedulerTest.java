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
import org.junit.jupiter.api.Test;

class WillSchedulerTest {
    private final FakeClock clock = new FakeClock();
    private final FakeTimers timers = new FakeTimers(clock);
    private final RetainedMessages retained = new RetainedMessages(new InMemoryRetainedStore(), clock::millis);
    private final WillScheduler wills =
            new WillScheduler(new Router(new TopicTree(), retained, Authorizer.allowAll()), timers, clock);
    private final Object session = new Object();

    /** A retained will, so that publication is visible in the retained store. */
    private static Message will() {
        return new Message("will/c", 0, true, Payload.utf8("gone"), Properties.EMPTY, "c", 0);
    }

    private boolean published() {
        return retained.count() == 1;
    }

    @Test
    void willWithoutDelayIsPublishedAtOnce() {
        wills.schedule(session, will(), null, 0);
        assertThat(published()).isTrue();
    }

    @Test
    void delayedWillIsPublishedWhenTheDelayPasses() {
        wills.schedule(session, will(), null, 30);
        timers.advance(Duration.ofSeconds(29));
        assertThat(published()).isFalse();
        timers.advance(Duration.ofSeconds(1));
        assertThat(published()).isTrue();
        assertThat(wills.pendingCount()).isZero();
    }

    @Test
    void cancelledWillIsNeverPublished() {
        wills.schedule(session, will(), null, 30);
        wills.cancel(session); // [MQTT-3.1.3-9]
        timers.advance(Duration.ofMinutes(5));
        assertThat(published()).isFalse();
    }

    @Test
    void sessionEndPublishesAPendingWillOnce() {
        wills.schedule(session, will(), null, 30);
        wills.sessionEnded(session);
        assertThat(published()).isTrue();
        retained.retain(new Message("will/c", 0, true, Payload.EMPTY, Properties.EMPTY, null, 0));
        timers.advance(Duration.ofMinutes(1));
        assertThat(published()).isFalse();
    }

    @Test
    void willIsStampedWithItsPublicationTime() {
        Message expiring = new Message(
                "will/c",
                0,
                true,
                Payload.utf8("gone"),
                Properties.builder().messageExpiryInterval(10L).build(),
                "c",
                0);
        wills.schedule(session, expiring, null, 60);
        timers.advance(Duration.ofSeconds(65));
        assertThat(published()).isTrue(); // not already expired: the 10 s count from publication
    }
}
