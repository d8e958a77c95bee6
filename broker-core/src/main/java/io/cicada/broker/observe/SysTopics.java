package io.cicada.broker.observe;

import io.cicada.broker.limit.Limit;
import io.cicada.broker.message.Message;
import io.cicada.broker.time.Timers;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Publishes the broker's {@code $SYS} topics every interval as retained QoS 0 messages, in Mosquitto's layout:
 * {@code $SYS/broker/version}, {@code uptime} ("N seconds"), {@code clients/connected}, {@code clients/disconnected},
 * {@code clients/total}, {@code clients/maximum}, {@code messages/received}, {@code messages/sent}, {@code
 * publish/messages/received|sent|dropped}, {@code bytes/received|sent}, {@code subscriptions/count}, {@code retained
 * messages/count}, and the {@code load/.../1min|5min|15min} moving averages of messages, publishes, bytes and
 * connections per minute, and {@code limits/<limit>/hits}: how often each {@link Limit} was hit.
 * Clients cannot publish to {@code $SYS} (the router refuses client publishes to any {@code $} topic). Thread-safe:
 * runs on the timer thread and publishes through the router like an in-process publisher.
 */
public final class SysTopics {
    private final BrokerStats stats;
    private final Sources sources;
    private final Consumer<Message> publisher;
    private final Timers timers;
    private final Clock clock;
    private final Duration interval;
    private final long startedMillis;
    private volatile boolean stopped;
    private volatile Timers.Scheduled next;
    private final Map<String, SysLoad> loads = new LinkedHashMap<>();
    private long lastTickMillis = -1;
    private int maximumClients;

    /** Where the counts that are not in {@link BrokerStats} come from. */
    public record Sources(String version, IntSupplier totalClients, IntSupplier subscriptions, IntSupplier retained) {}

    public SysTopics(
            BrokerStats stats,
            Sources sources,
            Consumer<Message> publisher,
            Timers timers,
            Clock clock,
            int intervalSeconds) {
        this.stats = stats;
        this.sources = sources;
        this.publisher = publisher;
        this.timers = timers;
        this.clock = clock;
        this.interval = Duration.ofSeconds(intervalSeconds);
        this.startedMillis = clock.millis();
    }

    /** Publishes now and then every interval until {@link #stop()}. */
    public void start() {
        tick();
    }

    public void stop() {
        stopped = true;
        Timers.Scheduled scheduled = next;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        publishAll();
        next = timers.schedule(this::tick, interval);
    }

    /** One round of every topic. */
    public synchronized void publishAll() {
        long now = clock.millis();
        long uptimeSeconds = (now - startedMillis) / 1000;
        int connected = stats.connectedClients();
        int total = sources.totalClients().getAsInt();
        maximumClients = Math.max(maximumClients, connected);
        publish("$SYS/broker/version", sources.version());
        publish("$SYS/broker/uptime", uptimeSeconds + " seconds");
        publish("$SYS/broker/clients/connected", connected);
        publish("$SYS/broker/clients/active", connected);
        publish("$SYS/broker/clients/disconnected", Math.max(0, total - connected));
        publish("$SYS/broker/clients/inactive", Math.max(0, total - connected));
        publish("$SYS/broker/clients/total", total);
        publish("$SYS/broker/clients/maximum", maximumClients);
        publish("$SYS/broker/messages/received", stats.messagesReceived());
        publish("$SYS/broker/messages/sent", stats.messagesSent());
        publish("$SYS/broker/publish/messages/received", stats.messagesReceived());
        publish("$SYS/broker/publish/messages/sent", stats.messagesSent());
        publish("$SYS/broker/publish/messages/dropped", stats.messagesDropped());
        publish("$SYS/broker/bytes/received", stats.bytesReceived());
        publish("$SYS/broker/bytes/sent", stats.bytesSent());
        publish("$SYS/broker/subscriptions/count", sources.subscriptions().getAsInt());
        publish("$SYS/broker/retained messages/count", sources.retained().getAsInt());
        double intervalSeconds = lastTickMillis < 0 ? 0 : (now - lastTickMillis) / 1000.0;
        lastTickMillis = now;
        load("messages/received", stats.messagesReceived(), intervalSeconds);
        load("messages/sent", stats.messagesSent(), intervalSeconds);
        load("publish/received", stats.messagesReceived(), intervalSeconds);
        load("publish/sent", stats.messagesSent(), intervalSeconds);
        load("publish/dropped", stats.messagesDropped(), intervalSeconds);
        load("bytes/received", stats.bytesReceived(), intervalSeconds);
        load("bytes/sent", stats.bytesSent(), intervalSeconds);
        load("connections", stats.connectionsTotal(), intervalSeconds);
        for (Limit limit : Limit.values()) {
            publish("$SYS/broker/limits/" + limit.metricName() + "/hits", stats.limitHits(limit));
        }
    }

    /** {@code $SYS/broker/load/NAME/1min}, {@code 5min} and {@code 15min}. */
    private void load(String name, long counter, double intervalSeconds) {
        SysLoad load = loads.computeIfAbsent(name, n -> new SysLoad());
        load.update(counter, intervalSeconds);
        publish("$SYS/broker/load/" + name + "/1min", load.formatted(0));
        publish("$SYS/broker/load/" + name + "/5min", load.formatted(1));
        publish("$SYS/broker/load/" + name + "/15min", load.formatted(2));
    }

    private void publish(String topic, long value) {
        publish(topic, Long.toString(value));
    }

    private void publish(String topic, String value) {
        publisher.accept(new Message(topic, 0, true, Payload.utf8(value), Properties.EMPTY, null, clock.millis()));
    }
}
