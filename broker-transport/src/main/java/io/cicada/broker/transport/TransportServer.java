package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.transport.limit.ConnectRate;
import io.cicada.broker.transport.limit.ConnectRateGate;
import io.cicada.broker.transport.limit.ConnectionGate;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.broker.transport.tls.ListenerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the broker's listeners and event loops: binds every configured listener on one shared worker group (one event
 * loop per core) and a boss group, on native epoll when available and allowed, NIO otherwise; and shuts it all down
 * in order. Lifecycle methods are synchronized and called by the composition root; {@link #boundPort} may be called
 * from any thread.
 *
 * <p>Graceful shutdown is three steps so that the core can say goodbye in between: {@link #stopAccepting()} closes the
 * listening sockets, the core's shutdown sends its DISCONNECTs through the still-running event loops, then {@link
 * #close(Duration)} closes whatever connections remain and stops the event loops within a bounded time.
 */
public final class TransportServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransportServer.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final TransportSettings settings;
    private final int maxPacketSize;
    private final ConnectionAcceptor acceptor;
    private final int workerThreads;
    private final ChannelGroup connections =
            new DefaultChannelGroup("cicada-connections", GlobalEventExecutor.INSTANCE);
    private final Map<String, Channel> listening = new LinkedHashMap<>();
    private volatile Map<String, Integer> boundPorts = Map.of();
    private final Map<String, ListenerTls> tls = new LinkedHashMap<>();
    private final Map<String, ListenerTraffic> traffic;
    private ConnectionLimits connectionLimits = ConnectionLimits.none();
    private final java.util.concurrent.atomic.AtomicInteger gatedConnections =
            new java.util.concurrent.atomic.AtomicInteger();
    private EventLoops loops;
    private TransportKind activeKind;
    private BrokerStats stats;

    /**
     * @param settings listeners, transport kind and buffer bounds
     * @param maxPacketSize the largest packet the decoder accepts from a client (the core's setting)
     * @param acceptor the core, which gets every accepted connection
     */
    public TransportServer(TransportSettings settings, int maxPacketSize, ConnectionAcceptor acceptor) {
        this(settings, maxPacketSize, acceptor, Runtime.getRuntime().availableProcessors());
    }

    TransportServer(TransportSettings settings, int maxPacketSize, ConnectionAcceptor acceptor, int workerThreads) {
        this.settings = settings;
        this.maxPacketSize = maxPacketSize;
        this.acceptor = acceptor;
        this.workerThreads = workerThreads;
        Map<String, ListenerTraffic> byName = new LinkedHashMap<>();
        for (ListenerSettings listener : settings.listeners()) {
            byName.put(listener.name(), new ListenerTraffic(listener.name()));
        }
        this.traffic = Collections.unmodifiableMap(byName);
    }

    /**
     * Starts the event loops and binds every listener, in order. On any failure everything already started is shut
     * down again before the exception is thrown.
     *
     * @throws TransportStartException with a one-line message, such as {@code cannot listen on 127.0.0.1:1883:
     *     address already in use}
     */
    public synchronized TransportServer start() {
        if (loops != null) {
            throw new IllegalStateException("already started");
        }
        activeKind = settings.kind().resolve();
        loops = EventLoops.start(activeKind, workerThreads);
        if (settings.kind() == TransportKind.AUTO && activeKind == TransportKind.NIO) {
            log.info(
                    "native epoll is not available ({}); using NIO",
                    Epoll.unavailabilityCause().toString());
        }
        log.debug("using the {} transport with {} event loops", kindName(), workerThreads);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ListenerSettings listener : settings.listeners()) {
            Channel channel = bind(listener);
            listening.put(listener.name(), channel);
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            ports.put(listener.name(), port);
            log.debug("listener '{}' bound to {} ({})", listener.name(), hostPort(listener.host(), port), kindName());
        }
        boundPorts = Map.copyOf(ports);
        return this;
    }

    private Channel bind(ListenerSettings listener) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(
                                settings.writeBufferLowWaterMark(), settings.writeBufferHighWaterMark()))
                .childHandler(new MqttChannelInitializer(
                                listener, traffic.get(listener.name()), maxPacketSize, acceptor, connections)
                        .withTls(tls.get(listener.name()))
                        .withConnectionGate(
                                connectionLimits.any()
                                        ? new ConnectionGate(listener.name(), connectionLimits, gatedConnections, stats)
                                        : null)
                        .withConnectRateGate(connectRateGate(listener.name())));
        ChannelFuture bound;
        try {
            bound = bootstrap.bind(listener.host(), listener.port()).awaitUninterruptibly();
        } catch (RuntimeException e) {
            shutDownAfterFailure();
            throw new TransportStartException(bindFailure(listener, e), e);
        }
        if (!bound.isSuccess()) {
            shutDownAfterFailure();
            throw new TransportStartException(bindFailure(listener, bound.cause()), bound.cause());
        }
        return bound.channel();
    }

    private void shutDownAfterFailure() {
        close(Duration.ofSeconds(2));
    }

    /** {@code cannot listen on HOST:PORT: REASON}, with the reason in plain words. */
    static String bindFailure(ListenerSettings listener, Throwable cause) {
        String detail = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        String reason;
        if (detail.contains("already in use")) {
            reason = "address already in use";
        } else if (detail.contains("cannot assign requested address")) {
            reason = "no such local address";
        } else if (detail.contains("permission denied")) {
            reason = "permission denied";
        } else if (cause instanceof java.nio.channels.UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            reason = "unknown host";
        } else {
            reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        return "cannot listen on " + listener.address() + ": " + reason;
    }

    /**
     * Makes the named listener a TLS listener; call before {@link #start()}. The {@link ListenerTls} may be reloaded
     * while the server runs.
     */
    public synchronized TransportServer withTls(ListenerTls listenerTls) {
        if (loops != null) {
            throw new IllegalStateException("TLS must be set before start()");
        }
        tls.put(listenerTls.listenerName(), listenerTls);
        return this;
    }

    /** Caps open connections per listener and in all; call before {@link #start()}. */
    public synchronized TransportServer withConnectionLimits(ConnectionLimits limits) {
        if (loops != null) {
            throw new IllegalStateException("connection limits must be set before start()");
        }
        connectionLimits = limits;
        return this;
    }

    /** Where the connection gates count the connections they close ({@code BrokerStats.limitHit}); before start. */
    public synchronized TransportServer withStats(BrokerStats brokerStats) {
        if (loops != null) {
            throw new IllegalStateException("stats must be set before start()");
        }
        stats = brokerStats;
        return this;
    }

    /** The listener's connect-rate gate, or null when its connect rate is not limited. */
    private ConnectRateGate connectRateGate(String listenerName) {
        ConnectRate rate = connectionLimits.connectRateOf(listenerName);
        return rate.limited() ? new ConnectRateGate(listenerName, rate, stats) : null;
    }

    /** The TLS of every TLS listener, for reloading certificates. */
    public synchronized List<ListenerTls> tlsListeners() {
        return List.copyOf(tls.values());
    }

    /** The port a started listener is bound to (the real one when it was configured as 0). */
    public int boundPort(String listenerName) {
        Integer port = boundPorts.get(listenerName);
        if (port == null) {
            throw new IllegalArgumentException("no started listener named '" + listenerName + "'");
        }
        return port;
    }

    /** The transport actually in use: {@code epoll} or {@code nio} (after {@link #start()}). */
    public synchronized String kindName() {
        return activeKind == null ? settings.kind().configName() : activeKind.configName();
    }

    /** The settings this server was created with. */
    public TransportSettings settings() {
        return settings;
    }

    /** Currently open client connections. */
    public int openConnections() {
        return connections.size();
    }

    /** Closes the listening sockets: no new connections; existing ones keep running. Idempotent. */
    public synchronized void stopAccepting() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel channel : listening.values()) {
            closing.add(channel.close());
        }
        listening.clear();
        for (ChannelFuture future : closing) {
            future.awaitUninterruptibly(DEFAULT_CLOSE_TIMEOUT.toMillis());
        }
    }

    /** {@link #close(Duration)} with 5 seconds. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops accepting, closes every remaining connection and shuts the event loops down, waiting at most about
     * {@code timeout} in all. Idempotent. Must not be called from one of this server's event loops (it waits for them).
     */
    public synchronized void close(Duration timeout) {
        stopAccepting();
        if (loops == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        connections.close().awaitUninterruptibly(Math.max(1, timeout.toMillis()));
        loops.shutdown(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        loops = null;
        boundPorts = Map.of();
    }

    /**
     * Each configured listener with its bound port (0 when not started) and its open connections, in configuration
     * order; for the admin API. Any thread.
     */
    public List<ListenerStatus> listenerStatus() {
        Map<String, Integer> ports = boundPorts;
        Map<String, Integer> open = new LinkedHashMap<>();
        for (Channel channel : connections) {
            String name = channel.attr(MqttChannelInitializer.LISTENER_NAME).get();
            if (name != null) {
                open.merge(name, 1, Integer::sum);
            }
        }
        List<ListenerStatus> status = new ArrayList<>();
        for (ListenerSettings listener : settings.listeners()) {
            Integer port = ports.get(listener.name());
            status.add(new ListenerStatus(
                    listener.name(),
                    listener.type(),
                    listener.host(),
                    port == null ? 0 : port,
                    port != null,
                    open.getOrDefault(listener.name(), 0)));
        }
        return status;
    }

    /**
     * The traffic counters of each configured listener, in configuration order; they live as long as this server (also
     * before {@link #start()} and after {@link #close()}). Any thread.
     */
    public List<ListenerTraffic> listenerTraffic() {
        return List.copyOf(traffic.values());
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
