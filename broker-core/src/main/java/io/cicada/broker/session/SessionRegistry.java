package io.cicada.broker.session;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.routing.DeliveryBatch;
import io.cicada.broker.routing.Router;
import io.cicada.broker.routing.TopicTree;
import io.cicada.broker.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Finds, creates, hands over and ends the sessions of the broker, by client id, over a {@link SessionStore}.
 * Thread-safe: connects for one client id may race on different event loops; the store's atomic operations pick one
 * session object, and everything done to a session runs on its owner executor.
 *
 * <p>Takeover (a client id connects while a session exists): the new connection's loop asks the session's owner to
 * kick the old connection (which sends DISCONNECT 0x8E and closes [MQTT-3.1.4-3]), cancel the expiry timer and move
 * ownership to the new loop; then the new loop attaches. In-flight and queued messages move with the session object,
 * so none is lost or sent twice. With clean start the old session ends instead and a new one replaces it.
 */
public final class SessionRegistry {
    private final SessionStore store;
    private final BrokerSettings settings;
    private final TopicTree tree;
    private final Clock clock;
    private final BrokerStats stats;
    private final Consumer<Session> onEnd;
    private final SessionExpiry expiry;
    private final SessionJournal journal;
    private final Router router;

    /** A registry whose sessions keep their shared subscription messages until they end or reconnect. */
    public SessionRegistry(
            SessionStore store,
            BrokerSettings settings,
            TopicTree tree,
            Clock clock,
            BrokerStats stats,
            Timers timers,
            Consumer<Session> onEnd) {
        this(store, settings, tree, clock, stats, timers, onEnd, null, SessionJournal.NONE);
    }

    /**
     * @param onEnd called on the owner when a session ends (publishes a will still waiting for its delay)
     * @param router gives the shared subscription messages of a session that goes offline or ends to another member
     *     of the group (§4.8.2); null to keep them in the session
     */
    public SessionRegistry(
            SessionStore store,
            BrokerSettings settings,
            TopicTree tree,
            Clock clock,
            BrokerStats stats,
            Timers timers,
            Consumer<Session> onEnd,
            Router router) {
        this(store, settings, tree, clock, stats, timers, onEnd, router, SessionJournal.NONE);
    }

    /**
     * @param onEnd called on the owner when a session ends (publishes a will still waiting for its delay)
     * @param router gives the shared subscription messages of a session that goes offline or ends to another member
     *     of the group (§4.8.2); null to keep them in the session
     * @param journal where persistent sessions are stored ({@link SessionJournal#NONE} in memory mode)
     */
    public SessionRegistry(
            SessionStore store,
            BrokerSettings settings,
            TopicTree tree,
            Clock clock,
            BrokerStats stats,
            Timers timers,
            Consumer<Session> onEnd,
            Router router,
            SessionJournal journal) {
        this.router = router;
        this.journal = journal;
        this.store = store;
        this.settings = settings;
        this.tree = tree;
        this.clock = clock;
        this.stats = stats;
        this.onEnd = onEnd;
        this.expiry = new SessionExpiry(timers, this::end);
    }

    /**
     * Opens the session for a client that connects on {@code executor} (the caller's thread) and calls {@code then}
     * on {@code executor} with the session, now owned by {@code executor}, and whether an existing session was resumed
     * (Session Present [MQTT-3.2.2-2] [MQTT-3.2.2-3]). The session is null when a newer connection for the same
     * client id took it over before this one could attach: the caller then gives up (closes).
     */
    public void open(String clientId, boolean cleanStart, Executor executor, BiConsumer<Session, Boolean> then) {
        if (cleanStart) {
            Session fresh = newSession(clientId, executor);
            Session old = store.put(fresh);
            if (old != null) {
                old.runOnOwner(() -> {
                    old.kickLink();
                    if (!old.isEnded()) {
                        endNow(old);
                    }
                });
            }
            then.accept(fresh, false);
            return;
        }
        Session existing = store.get(clientId);
        if (existing == null) {
            Session fresh = newSession(clientId, executor);
            if (store.putIfAbsent(fresh) == null) {
                then.accept(fresh, false);
            } else {
                open(clientId, false, executor, then);
            }
            return;
        }
        existing.runOnOwner(() -> {
            if (existing.isEnded()) {
                executor.execute(() -> open(clientId, false, executor, then));
                return;
            }
            existing.kickLink();
            existing.moveTo(executor);
            executor.execute(() -> {
                // A third connection may have taken the session over between moveTo and this task: it wins.
                boolean stillOurs = existing.executor() == executor && !existing.isEnded();
                then.accept(stillOurs ? existing : null, stillOurs);
            });
        });
    }

    /**
     * The session's connection closed (on the owner): detaches it, and ends the session at once when its expiry
     * interval is 0 or schedules the end otherwise.
     */
    public void disconnected(Session session) {
        if (session.isEnded()) {
            return;
        }
        session.detach();
        if (session.storeId() != 0) {
            journal.sessionOffline(session.storeId(), clock.millis());
        }
        session.deliverOffered();
        // §4.8.2: the server MAY give a shared message to another client as soon as the connection is lost
        handOverShared(session, true);
        long interval = session.expiryIntervalSeconds();
        if (interval == 0) {
            endNow(session);
        } else if (interval != Session.NEVER_EXPIRES) {
            expiry.schedule(session);
        }
    }

    /** Number of sessions, connected or not ($SYS clients/total). */
    public int size() {
        return store.size();
    }

    /** The session of a client id, or null; for tests and admin views. */
    public Session find(String clientId) {
        return store.get(clientId);
    }

    /** Visits a moment's view of every session (admin views; each session's state is read on its owner). */
    public void forEach(Consumer<Session> visitor) {
        store.forEach(visitor);
    }

    /** Ends {@code session} now, as expiry would (admin "delete session"); runs on the session's owner. */
    public void discard(Session session) {
        end(session);
    }

    /** The journal persistent sessions are stored in. */
    public SessionJournal journal() {
        return journal;
    }

    /**
     * Brings back the sessions stored before a restart, offline and owned by {@code owner}, before the broker accepts
     * connections (on the starting thread; the store publishes each session to the loops). A session whose expiry
     * interval passed while the broker was down is removed instead; one that was connected at a crash counts as
     * offline since now. Returns the number restored.
     */
    public int restore(List<SessionJournal.StoredSession> stored, Executor owner) {
        long now = clock.millis();
        int restored = 0;
        // Newest first: when a crash left an old session of a client id next to its clean-start successor, the
        // successor wins and the old one is removed.
        List<SessionJournal.StoredSession> newestFirst = stored.stream()
                .sorted(Comparator.comparingLong(SessionJournal.StoredSession::sessionId)
                        .reversed())
                .toList();
        for (SessionJournal.StoredSession entry : newestFirst) {
            long interval = entry.expirySeconds();
            long since = entry.offlineSinceMillis() == 0 ? now : entry.offlineSinceMillis();
            long remainingMillis = interval == Session.NEVER_EXPIRES ? Long.MAX_VALUE : since + interval * 1000 - now;
            if (remainingMillis <= 0 || store.get(entry.clientId()) != null) {
                journal.sessionRemoved(entry.sessionId());
                continue;
            }
            Session session = newSession(entry.clientId(), owner);
            session.restore(entry);
            store.put(session);
            restored++;
            if (interval != Session.NEVER_EXPIRES) {
                expiry.schedule(session, Duration.ofMillis(remainingMillis));
            }
        }
        return restored;
    }

    private void end(Session session) {
        if (!session.isEnded()) {
            endNow(session);
        }
    }

    private void endNow(Session session) {
        // §4.8.2: the server SHOULD send a shared message to another client when the session ends
        handOverShared(session, false);
        store.remove(session);
        session.end();
        onEnd.accept(session);
    }

    /**
     * Gives the session's unreceived shared subscription messages to other members of their groups (online ones only
     * when {@code onlineOnly}); those no other member can take stay in the session. On the session's owner.
     */
    private void handOverShared(Session session, boolean onlineOnly) {
        if (router == null) {
            return;
        }
        DeliveryBatch batch = new DeliveryBatch();
        session.handOverShared(delivery -> router.redeliver(delivery, session, batch, onlineOnly));
        batch.dispatch();
    }

    private Session newSession(String clientId, Executor executor) {
        return new Session(clientId, executor, settings, tree, clock, stats, journal);
    }
}
