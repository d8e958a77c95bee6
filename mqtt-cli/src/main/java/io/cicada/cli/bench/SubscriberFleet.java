package io.cicada.cli.bench;

import io.cicada.cli.client.MqttConnection;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code -S} subscribers of a {@code bench pub} run: subscriber {@code j} subscribes to the {@code --sub-filter}
 * template with {@code %i} = {@code j} and {@code %c} = its client id, so each subscriber can have its own topic, a
 * wildcard, or a {@code $share} group. Knows the filters (for the {@link DeliveryPlan}) and waits, within a deadline,
 * for the deliveries. Driven by the main thread; the subscribers themselves run on the event loops.
 */
final class SubscriberFleet {
    /** How long the deliveries may stall before the wait gives up early (QoS 0 may have dropped the rest). */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int count;
    private final int qos;
    private final int firstIndex;
    private final List<String> filters = new ArrayList<>();

    /**
     * {@code count} subscribers that will be clients {@code firstIndex ..} (client id: the prefix and that number),
     * subscriber {@code j} on {@code template} with {@code %i} = {@code j}.
     */
    SubscriberFleet(TopicTemplate template, int count, int qos, String idPrefix, int firstIndex) {
        this.count = count;
        this.qos = qos;
        this.firstIndex = firstIndex;
        for (int j = 0; j < count; j++) {
            filters.add(template.topic(j, idPrefix + (firstIndex + j)));
        }
    }

    /** The filters of the subscribers, by subscriber number. */
    List<String> filters() {
        return filters;
    }

    /**
     * Connects the subscribers and subscribes each to its filter; false (with the reason on {@code err}) when one
     * could not connect or was not granted the QoS.
     */
    boolean subscribe(BenchRun run, BenchOptions options, PrintWriter err) throws Exception {
        List<MqttConnection> connections =
                run.connectAll(firstIndex, count, options::connect, i -> new Subscriber(run.stats()));
        List<CompletableFuture<SubAck>> acks = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            MqttConnection connection = connections.get(j);
            if (connection == null) {
                err.println("bench: subscriber " + j + " could not connect");
                return false;
            }
            String filter = filters.get(j);
            acks.add(connection.subscribe(List.of(Subscription.of(filter, qos)), Properties.EMPTY));
        }
        for (int j = 0; j < count; j++) {
            int code = acks.get(j).get(30, TimeUnit.SECONDS).reasonCodes().get(0);
            if (ReasonCode.isError(code) || code < qos) {
                err.printf("bench: subscription to %s granted %s%n", filters.get(j), ReasonCode.describe(code));
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the subscribers received {@code expected} messages in all, nothing arrived for 5 seconds, or the
     * deadline ({@link System#nanoTime()}) passed, whichever comes first: a run against an overloaded broker ends.
     */
    static void awaitDeliveries(BenchStats stats, long expected, long deadlineNanos) throws InterruptedException {
        long last = -1;
        long stalledSince = System.nanoTime();
        while (stats.received.sum() < expected && System.nanoTime() < deadlineNanos) {
            long now = stats.received.sum();
            if (now != last) {
                last = now;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > STALL_NANOS) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a counter the event loops write
        }
    }
}
