package io.cicada.broker.session;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The backpressure state of one session's outbound backlog: how many deliveries wait in its inbox, whether it is
 * congested (its backlog passed the high mark while a connection is attached), whether it was declared a slow
 * consumer, and the publishers waiting for it to drain. Publishers' threads read it and add to it ({@link #offered},
 * {@link #isCongested}, {@link #whenDrained}); only the session's owner changes the state ({@link #update},
 * {@link #markSlow}, {@link #clear}).
 *
 * <p>A note on the hand-shake with paused publishers: the owner clears {@code congested} and then takes the waiters;
 * a publisher adds its waiter and then reads {@code congested}. Whatever the interleaving, one of the two sees the
 * other (both fields are volatile), and each waiter fires exactly once (a compare-and-set on the waiter), so a paused
 * publisher is never forgotten and never resumed twice.
 */
final class Congestion {
    private static final AtomicIntegerFieldUpdater<Congestion> INBOX =
            AtomicIntegerFieldUpdater.newUpdater(Congestion.class, "inbox");
    private static final AtomicReferenceFieldUpdater<Congestion, Waiter> WAITERS =
            AtomicReferenceFieldUpdater.newUpdater(Congestion.class, Waiter.class, "waiters");

    private final int highMark;
    private final int lowMark;
    private final int inboxLimit;
    private volatile int inbox;
    private volatile boolean congested;
    private volatile boolean slow;
    private volatile Waiter waiters;
    /** Counts congestion episodes, so that a slow-consumer check knows whether the episode it watches still lasts. */
    private long episode;

    /**
     * @param highMark deliveries waiting (inbox plus queue) at which the session becomes congested; it stops being
     *     congested at half of it
     * @param inboxLimit deliveries in the inbox at which QoS 0 messages are dropped on arrival (the queue has its own
     *     bound); publishers of QoS 1/2 pause long before, so only QoS 0 floods reach it
     */
    Congestion(int highMark, int inboxLimit) {
        this.highMark = Math.max(2, highMark);
        this.lowMark = this.highMark / 2;
        this.inboxLimit = Math.max(this.highMark, inboxLimit);
    }

    /** The high mark for a session: the configured backlog, kept below the queue's own bound so it comes first. */
    static int highMark(int slowConsumerBacklog, int maxQueuedMessages) {
        if (maxQueuedMessages > 0 && slowConsumerBacklog > maxQueuedMessages / 2) {
            return Math.max(2, maxQueuedMessages / 2);
        }
        return slowConsumerBacklog;
    }

    /** The inbox limit for a session: the queue's bound, or eight times the backlog when the queue has none. */
    static int inboxLimit(int slowConsumerBacklog, int maxQueuedMessages) {
        return maxQueuedMessages > 0 ? maxQueuedMessages : 8 * slowConsumerBacklog;
    }

    int highMark() {
        return highMark;
    }

    /** A delivery entered the inbox; any thread. */
    void offered() {
        INBOX.incrementAndGet(this);
    }

    /** {@code count} deliveries left the inbox; on the owner. */
    void taken(int count) {
        if (count > 0) {
            INBOX.addAndGet(this, -count);
        }
    }

    /**
     * True while publishers of QoS 1/2 messages to this session should wait: it is congested, or its inbox alone
     * passed the high mark, and it was not declared a slow consumer (which no longer holds publishers back). Any thread.
     */
    boolean isCongested() {
        return !slow && (congested || inbox >= highMark);
    }

    /**
     * True when a QoS 0 message for this session is dropped on arrival: it was declared a slow consumer, or its inbox
     * is full (a QoS 0 flood faster than its owner drains it). Any thread.
     */
    boolean dropsQos0() {
        return slow || inbox >= inboxLimit;
    }

    /** True once the slow-consumer policy {@code drop} applies to this session, until it catches up. */
    boolean isSlow() {
        return slow;
    }

    /**
     * Runs {@code wake} once the session is no longer congested (at once if it is not now). {@code wake} runs on
     * whichever thread clears the congestion, or on the caller; it must only hand work over. Any thread.
     */
    void whenDrained(Runnable wake) {
        Waiter waiter = new Waiter(wake);
        Waiter head;
        do {
            head = waiters;
            waiter.next = head;
        } while (!WAITERS.compareAndSet(this, head, waiter));
        if (!isCongested()) {
            waiter.fire();
        }
    }

    /**
     * Re-evaluates the state after the owner changed the backlog; {@code queued} is the session queue's length, and
     * {@code online} whether a connection is attached (an offline session is never congested: its queue bounds
     * apply). Publishers that waited only for the inbox to empty are woken here too. Returns true when the session
     * has just become congested (a new episode starts: the caller arms the slow-consumer check). On the owner.
     */
    boolean update(int queued, boolean online) {
        boolean started = false;
        if (!online) {
            if (congested) {
                clear();
            }
        } else {
            int backlog = queued + inbox;
            if (!congested && backlog >= highMark) {
                congested = true;
                episode++;
                started = true;
            } else if (congested && backlog <= lowMark) {
                clear();
            }
        }
        if (waiters != null && !isCongested()) {
            wakeAll();
        }
        return started;
    }

    /** The current congestion episode, while congested; on the owner. */
    long episode() {
        return episode;
    }

    /** True while the episode {@code watched} lasts; on the owner. */
    boolean stillCongested(long watched) {
        return congested && episode == watched;
    }

    /** The slow-consumer policy {@code drop}: the session no longer holds its publishers back. On the owner. */
    void markSlow() {
        slow = true;
        wakeAll();
    }

    /** Not congested any more (drained, detached or ended): every waiting publisher is woken. On the owner. */
    void clear() {
        congested = false;
        slow = false;
        episode++;
        wakeAll();
    }

    private void wakeAll() {
        Waiter waiter = WAITERS.getAndSet(this, null);
        while (waiter != null) {
            waiter.fire();
            waiter = waiter.next;
        }
    }

    /** One paused publisher's wake-up call; fires at most once. */
    private static final class Waiter {
        private static final AtomicIntegerFieldUpdater<Waiter> FIRED =
                AtomicIntegerFieldUpdater.newUpdater(Waiter.class, "fired");
        private final Runnable wake;
        private volatile int fired;
        private Waiter next;

        Waiter(Runnable wake) {
            this.wake = wake;
        }

        void fire() {
            if (FIRED.compareAndSet(this, 0, 1)) {
                wake.run();
            }
        }
    }
}
