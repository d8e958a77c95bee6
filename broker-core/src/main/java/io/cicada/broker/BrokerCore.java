package io.cicada.broker;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.EnhancedAuthentication;
import io.cicada.broker.connection.ClientDirectory;
import io.cicada.broker.connection.Connection;
import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.connection.ConnectionContext;
import io.cicada.broker.connection.Inbound;
import io.cicada.broker.connection.OpenConnections;
import io.cicada.broker.connection.Outbound;
import io.cicada.broker.connection.Redirection;
import io.cicada.broker.message.Message;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.observe.ClientEvents;
import io.cicada.broker.observe.SysTopics;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.broker.retain.RetainedStore;
import io.cicada.broker.routing.InProcessSubscription;
import io.cicada.broker.routing.Router;
import io.cicada.broker.routing.TopicTree;
import io.cicada.broker.session.InMemorySessionStore;
import io.cicada.broker.session.Session;
import io.cicada.broker.session.SessionJournal;
import io.cicada.broker.session.SessionRegistry;
import io.cicada.broker.session.SessionStore;
import io.cicada.broker.time.TimerThread;
import io.cicada.broker.time.Timers;
import io.cicada.broker.will.DelayedWillStore;
import io.cicada.broker.will.WillScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The broker core: accepts connections from the transport, routes messages, keeps sessions, wills, retained messages
 * and {@code $SYS}. Its own objects are wired here, once. Thread-safe: {@link #accept} is called on event loops,
 * {@link #publish} and {@link #shutdown} from any thread.
 */
public final class BrokerCore implements ConnectionAcceptor, AutoCloseable {
    private static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(5);

    private final BrokerSettings settings;
    private final ConnectionContext context;
    private final Router router;
    private final BrokerStats stats;
    private final Timers timers;
    private final TimerThread ownTimer;
    private final SysTopics sysTopics;
    private final ClientDirectory clients;
    private final TopicTree tree;
    private final ExecutorService recoveredSessions;
    private volatile boolean shutDown;

    private BrokerCore(Builder b) {
        this.settings = b.settings;
        this.stats = new BrokerStats();
        this.ownTimer = b.timers == null ? new TimerThread() : null;
        this.timers = b.timers == null ? ownTimer : b.timers;
        Clock clock = b.clock;
        TopicTree tree = new TopicTree(b.mqtt5.sharingStrategy());
        this.tree = tree;
        RetainedMessages retained = new RetainedMessages(b.retainedStore, clock::millis);
        this.router = new Router(tree, retained, b.authorizer);
        WillScheduler wills =
                new WillScheduler(router, timers, clock, delayedWills(b.journal), key -> ((Session) key).storeId());
        SessionRegistry sessions = new SessionRegistry(
                b.sessionStore, settings, tree, clock, stats, timers, wills::sessionEnded, router, b.journal);
        this.recoveredSessions = restoreSessions(sessions, b.journal);
        restoreWills(sessions, wills, b.journal);
        this.context = new ConnectionContext(
                settings,
                sessions,
                router,
                retained,
                wills,
                b.authenticator,
                b.authorizer,
                stats,
                clock,
                new OpenConnections(),
                new ClientEvents(settings.sysClientEvents(), message -> router.publish(message), clock),
                b.mqtt5,
                new Redirection(
                        b.mqtt5.redirectTo().isEmpty()
                                ? null
                                : new Redirection.Target(b.mqtt5.redirectTo(), b.mqtt5.redirectPermanent())),
                b.enhancedAuthentication);
        this.clients = new ClientDirectory(sessions);
        SysTopics.Sources sources = new SysTopics.Sources(
                settings.brokerVersion(), sessions::size, tree::subscriptionCount, retained::count);
        this.sysTopics = settings.sysIntervalSeconds() > 0
                ? new SysTopics(stats, sources, router::publish, timers, clock, settings.sysIntervalSeconds())
                : null;
        if (sysTopics != null) {
            sysTopics.start();
        }
    }

    /**
     * Restores the persistent sessions stored before the last stop. They stay offline on one thread of their own,
     * {@code cicada-recovered}, until their clients come back and take them over onto their event loops.
     */
    private static ExecutorService restoreSessions(SessionRegistry sessions, SessionJournal journal) {
        List<SessionJournal.StoredSession> stored = journal.recover();
        if (stored.isEmpty()) {
            return null;
        }
        ExecutorService owner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "cicada-recovered");
            thread.setDaemon(true);
            return thread;
        });
        sessions.restore(stored, owner);
        return owner;
    }

    /**
     * Schedules again the wills that waited for their delay at the last stop, on their restored sessions; a will whose
     * session did not survive the restart (it expired meanwhile) is published now, as at the end of a session.
     */
    private static void restoreWills(SessionRegistry sessions, WillScheduler wills, SessionJournal journal) {
        for (SessionJournal.StoredWill stored : journal.recoverWills()) {
            Session session = sessions.find(stored.clientId());
            if (session != null && session.storeId() == stored.sessionId()) {
                wills.restore(session, stored.sessionId(), stored.will(), stored.username(), stored.dueMillis());
            } else {
                wills.restoreEnded(stored.sessionId(), stored.will(), stored.username());
            }
        }
    }

    /** The delayed wills of persistent sessions are kept in the session journal. */
    private static DelayedWillStore delayedWills(SessionJournal journal) {
        if (!journal.durable()) {
            return DelayedWillStore.NONE;
        }
        return new DelayedWillStore() {
            @Override
            public void delayed(long storeId, Message will, String username, long dueMillis) {
                journal.willDelayed(storeId, will, username, dueMillis);
            }

            @Override
            public void done(long storeId) {
                journal.willDone(storeId);
            }

            @Override
            public void afterCommit(Runnable task) {
                journal.afterCommit(task);
            }
        };
    }

    /** A builder with the in-memory stores, allow-all authentication and authorization and the system clock. */
    public static Builder builder(BrokerSettings settings) {
        return new Builder(settings);
    }

    /** Called by the transport on the new connection's event loop. */
    @Override
    public Inbound accept(Outbound outbound) {
        Connection connection = new Connection(outbound, context);
        if (shutDown) {
            connection.shutdown();
        }
        return connection;
    }

    /**
     * Graceful shutdown: MQTT 5 clients get DISCONNECT 0x8B (Server shutting down), all connections close, timers
     * stop. Blocks at most the given time. Wills are not published for connections the broker closes this way. Call it
     * from a thread that is not one of the transport's event loops (it waits for tasks on those loops).
     */
    public void shutdown(Duration timeout) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        if (sysTopics != null) {
            sysTopics.stop();
        }
        OpenConnections open = context.openConnections();
        CountDownLatch closed = new CountDownLatch(open.size());
        open.forEach(connection -> connection.runOnLoop(() -> {
            connection.shutdown();
            closed.countDown();
        }));
        try {
            closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownTimer != null) {
            ownTimer.close();
        }
        if (recoveredSessions != null) {
            recoveredSessions.shutdown();
        }
    }

    /** {@link #shutdown(Duration)} with 5 seconds. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN);
    }

    /**
     * Server redirection for a planned drain (§4.11): from now on every CONNECT is refused with 0x9C Use another
     * server (0x9D Server moved when {@code permanent}) and the Server Reference, and every connected MQTT 5 client is
     * sent DISCONNECT with the same reason code and Server Reference; all connected clients are closed (without their
     * wills, as at shutdown). A null {@code serverReference} ends the redirection. Any thread; does not wait.
     */
    public void redirect(String serverReference, boolean permanent) {
        Redirection.Target target = serverReference == null ? null : new Redirection.Target(serverReference, permanent);
        context.redirection().set(target);
        if (target != null) {
            context.openConnections().forEach(connection -> connection.runOnLoop(() -> connection.redirect(target)));
        }
    }

    /** In-process publish (embedding API, $SYS): routed like a client's publish, without authorization. */
    public void publish(Message message) {
        router.publish(message);
    }

    /**
     * In-process subscription (embedding API): {@code handler} gets the retained messages matching
     * {@code topicFilter}, then every live one, on the subscription's own thread; {@link InProcessSubscription#close()}
     * unsubscribes.
     */
    public InProcessSubscription subscribe(String topicFilter, int qos, Consumer<Message> handler) {
        return subscribe(io.cicada.mqtt.packet.Subscription.of(topicFilter, qos), handler);
    }

    /**
     * In-process subscription with the options of a client's: maximum QoS, Retain Handling (2: no retained messages)
     * and Retain As Published.
     */
    public InProcessSubscription subscribe(io.cicada.mqtt.packet.Subscription options, Consumer<Message> handler) {
        return InProcessSubscription.subscribe(tree, context.retained(), options, handler);
    }

    public BrokerSettings settings() {
        return settings;
    }

    public int connectedClients() {
        return stats.connectedClients();
    }

    /** The broker's counters. */
    public BrokerStats stats() {
        return stats;
    }

    /** The clients and sessions, for the admin API. */
    public ClientDirectory clients() {
        return clients;
    }

    /** The retained messages, for the admin API. */
    public RetainedMessages retained() {
        return context.retained();
    }

    /** Sessions held, connected or not. */
    public int sessionCount() {
        return context.sessions().size();
    }

    /** Subscriptions in the topic tree, of clients and in-process. */
    public int subscriptionCount() {
        return tree.subscriptionCount();
    }

    /** Collects the core's collaborators; not thread-safe. */
    public static final class Builder {
        private final BrokerSettings settings;
        private Clock clock = Clock.systemUTC();
        private SessionStore sessionStore = new InMemorySessionStore();
        private RetainedStore retainedStore = new InMemoryRetainedStore();
        private Authenticator authenticator = Authenticator.allowAll();
        private Authorizer authorizer = Authorizer.allowAll();
        private Timers timers;
        private SessionJournal journal = SessionJournal.NONE;
        private Mqtt5Settings mqtt5 = Mqtt5Settings.defaults();
        private EnhancedAuthentication enhancedAuthentication = EnhancedAuthentication.none();

        private Builder(BrokerSettings settings) {
            this.settings = settings;
        }

        /** Time for keep-alive bookkeeping, expiry and $SYS uptime. Default: the system clock (UTC). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder sessionStore(SessionStore value) {
            this.sessionStore = value;
            return this;
        }

        public Builder retainedStore(RetainedStore value) {
            this.retainedStore = value;
            return this;
        }

        public Builder authenticator(Authenticator value) {
            this.authenticator = value;
            return this;
        }

        public Builder authorizer(Authorizer value) {
            this.authorizer = value;
            return this;
        }

        /**
         * Timers for will delay, session expiry and $SYS. Default: the core's own {@code cicada-timer} thread, stopped
         * at shutdown; a timer given here (a fake one in tests) belongs to the caller.
         */
        public Builder timers(Timers value) {
            this.timers = value;
            return this;
        }

        /** Where persistent sessions are stored (durable mode). Default: {@link SessionJournal#NONE}. */
        public Builder journal(SessionJournal value) {
            this.journal = value;
            return this;
        }

        /** MQTT 5 enhanced authentication methods (such as SCRAM). Default: none (CONNECT with one gets 0x8C). */
        public Builder enhancedAuthentication(EnhancedAuthentication value) {
            this.enhancedAuthentication = value;
            return this;
        }

        /** The MQTT 5 feature policies (shared subscription strategy, ...). Default: {@link Mqtt5Settings#defaults()}. */
        public Builder mqtt5(Mqtt5Settings value) {
            this.mqtt5 = value;
            return this;
        }

        public BrokerCore build() {
            return new BrokerCore(this);
        }
    }
}
