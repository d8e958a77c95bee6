package io.cicada.broker.routing;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The recipients a publisher reached during one read cycle, grouped by the executor that owns each, so that every
 * subscriber event loop gets one task and one flush per recipient per cycle instead of one per message. The
 * deliveries themselves go into each recipient's inbox at once ({@link Recipient#offer}), which keeps their order.
 * Owned by one thread (the publisher's event loop, or an in-process publisher); {@link #dispatch()} hands over.
 *
 * <p>A task that finds a recipient owned by another executor by the time it runs (the session was taken over in
 * between) forwards the work to the new owner instead of touching the recipient.
 *
 * <p>Backpressure: a recipient that is congested when a QoS 1/2 delivery is offered to it is remembered, so that the
 * publisher can stop reading until it drains ({@link #takeCongested()}).
 */
public final class DeliveryBatch {
    private final Map<Executor, Set<Recipient>> byExecutor = new IdentityHashMap<>();
    private Set<Recipient> congested;

    /** Offers {@code delivery} to {@code recipient} and remembers to wake the recipient's executor. */
    public void add(Recipient recipient, Delivery delivery) {
        recipient.offer(delivery);
        if (delivery.qos() > 0 && recipient.isCongested()) {
            if (congested == null) {
                congested = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            congested.add(recipient);
        }
        byExecutor
                .computeIfAbsent(recipient.executor(), e -> new LinkedHashSet<>())
                .add(recipient);
    }

    /**
     * The recipients found congested while QoS 1/2 deliveries were added since the last call, each once, or an empty
     * list; forgets them.
     */
    public Collection<Recipient> takeCongested() {
        if (congested == null) {
            return List.of();
        }
        Collection<Recipient> taken = congested;
        congested = null;
        return taken;
    }

    public boolean isEmpty() {
        return byExecutor.isEmpty();
    }

    /** Submits one task per executor, then forgets the recipients. */
    public void dispatch() {
        if (byExecutor.isEmpty()) {
            return;
        }
        for (Map.Entry<Executor, Set<Recipient>> group : byExecutor.entrySet()) {
            Executor executor = group.getKey();
            Set<Recipient> recipients = group.getValue();
            executor.execute(() -> deliverOn(executor, recipients));
        }
        byExecutor.clear();
    }

    private static void deliverOn(Executor executor, Set<Recipient> recipients) {
        DeliveryBatch moved = null;
        for (Recipient recipient : recipients) {
            if (recipient.executor() != executor) {
                if (moved == null) {
                    moved = new DeliveryBatch();
                }
                moved.byExecutor
                        .computeIfAbsent(recipient.executor(), e -> new LinkedHashSet<>())
                        .add(recipient);
                continue;
            }
            recipient.deliverOffered();
        }
        for (Recipient recipient : recipients) {
            if (recipient.executor() == executor) {
                recipient.flush();
            }
        }
        if (moved != null) {
            moved.dispatch();
        }
    }
}
