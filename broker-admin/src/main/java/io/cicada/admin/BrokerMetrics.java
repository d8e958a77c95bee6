package io.cicada.admin;

import io.cicada.broker.BrokerCore;
import io.cicada.broker.connection.ClientInfo;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.transport.ListenerTraffic;
import io.cicada.broker.transport.TransportServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The broker's Prometheus metrics (Micrometer): connections, messages and bytes by direction and QoS, refusals and
 * drops by reason, sessions, subscriptions, retained messages, queue depths and in-flight windows, authentication
 * failures, per-listener connections, messages and bytes, limits hit, publish-to-deliver latency, and the JVM and Netty allocator. Counters read
 * {@link BrokerStats} when scraped; session figures are refreshed from a session snapshot before each scrape.
 * Thread-safe: scraped on the admin event loop, latency recorded on the broker's event loops.
 */
public final class BrokerMetrics {

    /** The content type of the Prometheus text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BrokerCore core;
    private final Set<String> refusalReasons = ConcurrentHashMap.newKeySet();
    private final Set<String> dropReasons = ConcurrentHashMap.newKeySet();
    private final MultiGauge listeners;
    private final TransportServer transport;
    private volatile SessionFigures sessions = new SessionFigures(0, 0, 0, 0);

    /** Sums over every session, taken at the last scrape. */
    record SessionFigures(int online, int offline, long queued, long inflight) {}

    public BrokerMetrics(BrokerCore core, TransportServer transport) {
        this.core = core;
        this.transport = transport;
        BrokerStats stats = core.stats();
        Gauge.builder("cicada.connections.current", stats, BrokerStats::connectedClients)
                .description("Clients connected now")
                .register(registry);
        counter(
                "cicada.connections",
                "Clients that completed CONNECT since start",
                stats,
                BrokerStats::connectionsTotal);
        counter(
                "cicada.authentication.failures",
                "CONNECTs refused for bad credentials or not authorized",
                stats,
                BrokerStats::authenticationFailures);
        for (int qos = 0; qos <= 2; qos++) {
            int q = qos;
            FunctionCounter.builder("cicada.messages.received", stats, s -> s.messagesReceived(q))
                    .description("PUBLISH packets received from clients")
                    .tag("qos", Integer.toString(q))
                    .register(registry);
            FunctionCounter.builder("cicada.messages.sent", stats, s -> s.messagesSent(q))
                    .description("PUBLISH packets sent to clients")
                    .tag("qos", Integer.toString(q))
                    .register(registry);
        }
        counter(
                "cicada.bytes.received",
                "Payload bytes received in PUBLISH packets",
                stats,
                BrokerStats::bytesReceived);
        counter("cicada.bytes.sent", "Payload bytes sent in PUBLISH packets", stats, BrokerStats::bytesSent);
        counter(
                "cicada.slow.consumers",
                "Times the slow-consumer policy was applied to a subscriber that stayed congested",
                stats,
                BrokerStats::slowConsumers);
        gauge("cicada.retained.messages", "Retained messages held", () -> core.retained()
                .count());
        gauge("cicada.subscriptions", "Subscriptions in the topic tree", core::subscriptionCount);
        Gauge.builder("cicada.sessions", this, m -> m.sessions.online())
                .description("Sessions by state")
                .tag("state", "online")
                .register(registry);
        Gauge.builder("cicada.sessions", this, m -> m.sessions.offline())
                .description("Sessions by state")
                .tag("state", "offline")
                .register(registry);
        Gauge.builder("cicada.queued.messages", this, m -> m.sessions.queued())
                .description("Messages waiting in session queues, all sessions")
                .register(registry);
        Gauge.builder("cicada.inflight.messages", this, m -> m.sessions.inflight())
                .description("QoS 1 and 2 messages sent and not yet acknowledged, all sessions")
                .register(registry);
        listeners = MultiGauge.builder("cicada.listener.connections")
                .description("Open connections per listener")
                .register(registry);
        for (ListenerTraffic traffic : transport.listenerTraffic()) {
            listenerCounter(
                    "cicada.listener.messages.received",
                    "PUBLISH packets read from clients, per listener",
                    traffic,
                    ListenerTraffic::messagesReceived);
            listenerCounter(
                    "cicada.listener.messages.sent",
                    "PUBLISH packets written to clients (re-sends included), per listener",
                    traffic,
                    ListenerTraffic::messagesSent);
            listenerCounter(
                    "cicada.listener.bytes.received",
                    "Payload bytes of PUBLISH packets read from clients, per listener",
                    traffic,
                    ListenerTraffic::bytesReceived);
            listenerCounter(
                    "cicada.listener.bytes.sent",
                    "Payload bytes of PUBLISH packets written to clients, per listener",
                    traffic,
                    ListenerTraffic::bytesSent);
        }
        for (Limit limit : Limit.values()) {
            FunctionCounter.builder("cicada.limit.hits", stats, s -> s.limitHits(limit))
                    .description("Limits hit: connections closed at once, publishers paused, messages and"
                            + " subscriptions refused, by limit")
                    .tag("limit", limit.metricName())
                    .register(registry);
        }
        Timer latency = Timer.builder("cicada.publish.deliver.latency")
                .description("Time from receiving a PUBLISH to sending it to a subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        stats.onDeliveryLatency(millis -> latency.record(Math.max(0, millis), TimeUnit.MILLISECONDS));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    }

    /** Updates the session figures from a snapshot of every session. */
    void update(List<ClientInfo> clients) {
        int online = 0;
        long queued = 0;
        long inflight = 0;
        for (ClientInfo client : clients) {
            online += client.connected() ? 1 : 0;
            queued += client.queuedMessages();
            inflight += client.inflightMessages();
        }
        sessions = new SessionFigures(online, clients.size() - online, queued, inflight);
    }

    /** The Prometheus text exposition of every metric. */
    String scrape() {
        BrokerStats stats = core.stats();
        byReason(
                "cicada.connections.refused",
                "CONNECTs refused, by reason",
                refusalReasons,
                stats.refusedByReason(),
                BrokerStats::refusedByReason);
        byReason(
                "cicada.messages.dropped",
                "Messages not delivered to a subscriber, by reason",
                dropReasons,
                stats.droppedByReason(),
                BrokerStats::droppedByReason);
        listeners.register(
                transport.listenerStatus().stream()
                        .map(l -> MultiGauge.Row.of(Tags.of("listener", l.name()), l.connections()))
                        .toList(),
                true);
        return registry.scrape();
    }

    /** Registers a counter for each reason seen for the first time; each reads its count when scraped. */
    private void byReason(
            String name,
            String description,
            Set<String> registered,
            Map<String, Long> counts,
            Function<BrokerStats, Map<String, Long>> source) {
        for (String reason : counts.keySet()) {
            if (registered.add(reason)) {
                FunctionCounter.builder(name, core.stats(), s -> source.apply(s).getOrDefault(reason, 0L))
                        .description(description)
                        .tag("reason", reason)
                        .register(registry);
            }
        }
    }

    private void counter(String name, String description, BrokerStats stats, ToDoubleFunction<BrokerStats> value) {
        FunctionCounter.builder(name, stats, value).description(description).register(registry);
    }

    private void listenerCounter(
            String name, String description, ListenerTraffic traffic, ToDoubleFunction<ListenerTraffic> value) {
        FunctionCounter.builder(name, traffic, value)
                .description(description)
                .tag("listener", traffic.listenerName())
                .register(registry);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
