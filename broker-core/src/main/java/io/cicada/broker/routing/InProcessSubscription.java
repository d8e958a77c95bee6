package io.cicada.broker.routing;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Subscription;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A subscription held by code running inside the broker's JVM (the embedding API), not by a network client: messages
 * that match its filter are handed to a handler on the subscription's own thread, in the order they were routed, so a
 * slow handler never holds up an event loop. Live messages only: retained messages are not replayed to it.
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
     * QoS and this one, which only matters for what the handler reads in {@link Message#qos()}).
     *
     * @throws IllegalArgumentException if the filter is malformed or a shared subscription
     */
    public static InProcessSubscription subscribe(
            TopicTree tree, String topicFilter, int qos, Consumer<Message> handler) {
        Objects.requireNonNull(handler, "handler");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        InProcessSubscription subscription = new InProcessSubscription(tree, topicFilter, handler);
        try {
            tree.subscribe(new TopicSubscription(subscription, topicFilter, Subscription.of(topicFilter, qos), 0));
        } catch (RuntimeException e) {
            subscription.thread.shutdownNow();
            throw e;
        }
        return subscription;
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
            if (message.qos() != delivery.qos()) {
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
