package io.cicada.broker.observe;

import io.cicada.broker.message.Message;
import io.cicada.broker.time.Timers;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Publishes the broker's {@code $SYS} topics every interval as retained QoS 0 messages, in Mosquitto's layout:
 * {@code $SYS/broker/version}, {@code uptime} ("N seconds"), {@code clients/connected}, {@code clients/total},
 * {@code messages/received}, {@code messages/sent}, {@code subscriptions/count}, {@code retained messages/count}.
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
    public void publishAll() {
        long uptimeSeconds = (clock.millis() - startedMillis) / 1000;
        publish("$SYS/broker/version", sources.version());
        publish("$SYS/broker/uptime", uptimeSeconds + " seconds");
        publish("$SYS/broker/clients/connected", stats.connectedClients());
        publish("$SYS/broker/clients/total", sources.totalClients().getAsInt());
        publish("$SYS/broker/messages/received", stats.messagesReceived());
        publish("$SYS/broker/messages/sent", stats.messagesSent());
        publish("$SYS/broker/subscriptions/count", sources.subscriptions().getAsInt());
        publish("$SYS/broker/retained messages/count", sources.retained().getAsInt());
    }

    private void publish(String topic, long value) {
        publish(topic, Long.toString(value));
    }

    private void publish(String topic, String value) {
        publisher.accept(new Message(topic, 0, true, Payload.utf8(value), Properties.EMPTY, null, clock.millis()));
    }
}
