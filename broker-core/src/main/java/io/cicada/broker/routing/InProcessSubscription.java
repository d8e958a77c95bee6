package io.cicada.broker.routing;

import io.cicada.broker.message.Message;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A subscription held by code running inside the broker's JVM (the embedding API), not by a network client: messages
 * that match its filter are handed to a handler on the subscription's own thread, in the order they were routed, so a
 * slow handler never holds up an event loop. Like a client's subscription it first gets the retained messages that
 * match, as its Retain Handling says (0 and 1: on subscribe [MQTT-3.3.1-9], 2: never [MQTT-3.3.1-11]), with RETAIN=1
 * [MQTT-3.3.1-8]; live messages then carry RETAIN=1 only with Retain As Published [MQTT-3.3.1-12] [MQTT-3.3.1-13].
 * As for a client, a message published while the subscription is being made may arrive before the retained ones.
 *
 * <p>Threads: any thread {@link #offer}s (the publishers' event loops); {@link #deliverOffered()} runs only on the
 * subscription's single {@code cicada-in-process} thread, which calls the handler; {@link #close()} from any thread.
 */
public final class InProcessSubscription implements Recipient, AutoCloseable {
    private final TopicTree tree;
    private final String topicFilter;
    private final Consumer<Message> handler;
    private final Queue<Delivery> inbox = new ConcurrentLinkedQueue<>();
    private final ExecutorService thread;
    private volatile boolean closed;

    private InProcessSubscription(TopicTree tree, String topicFilter, Consumer<Message> handler) {
        this.tree = tree;
        this.topicFilter = topicFilter;
        this.handler = handler;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cicada-in-process " + topicFilter);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes {@code handler} to {@code topicFilter} at {@code qos} (each message arrives at the lower of its own
     * QoS and this one, which only matters for what the handler reads in {@link Message#qos()}). No retained messages:
     * see {@link #subscribe(TopicTree, RetainedMessages, Subscription, Consumer)}.
     *
     * @throws IllegalArgumentException if the filter is malformed or a shared subscription
     */
    public static InProcessSubscription subscribe(
            TopicTree tree, String topicFilter, int qos, Consumer<Message> handler) {
        return subscribe(tree, null, Subscription.of(topicFilter, qos), handler);
    }

    /**
     * Subscribes {@code handler} with the options of {@code subscription} (filter, maximum QoS, Retain Handling,
     * Retain As Published) and hands it the matching retained messages of {@code retained} (null: none) first.
     *
     * @throws IllegalArgumentException if the filter is malformed or a shared subscription
     */
    public static InProcessSubscription subscribe(
            TopicTree tree, RetainedMessages retained, Subscription subscription, Consumer<Message> handler) {
        Objects.requireNonNull(handler, "handler");
        int qos = subscription.qos();
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        String topicFilter = subscription.topicFilter();
        InProcessSubscription created = new InProcessSubscription(tree, topicFilter, handler);
        try {
            tree.subscribe(new TopicSubscription(created, topicFilter, subscription, 0));
        } catch (RuntimeException e) {
            created.thread.shutdownNow();
            throw e;
        }
        if (retained != null && subscription.retainHandling() != 2) {
            // every in-process subscription is a new one: Retain Handling 1 sends as 0 does
            List<Delivery> matching = new ArrayList<>();
            retained.forEachMatching(
                    topicFilter,
                    message -> matching.add(new Delivery(message, Math.min(message.qos(), qos), true, List.of())));
            if (!matching.isEmpty()) {
                matching.forEach(created::offer);
                created.thread.execute(created::deliverOffered);
            }
        }
        return created;
    }

    public String topicFilter() {
        return topicFilter;
    }

    /** Not a client: messages published in-process with a null sender are not "local" to it. */
    @Override
    public String clientId() {
        return "$in-process";
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return thread;
    }

    @Override
    public void offer(Delivery delivery) {
        if (!closed) {
            inbox.add(delivery);
        }
    }

    @Override
    public void deliverOffered() {
        Delivery delivery;
        while (!closed && (delivery = inbox.poll()) != null) {
            Message message = delivery.message();
            if (message.qos() != delivery.qos() || message.retain() != delivery.retain()) {
                message = new Message(
                        message.topic(),
                        delivery.qos(),
                        delivery.retain(),
                        message.payload(),
                        message.properties(),
                        message.senderClientId(),
                        message.receivedAtMillis());
            }
            handler.accept(message);
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered between deliveries.
    }

    /** Unsubscribes and stops the thread; messages not yet handed over are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tree.unsubscribe(this, topicFilter);
        thread.shutdown();
        inbox.clear();
    }
}
