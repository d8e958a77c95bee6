package io.cicada.broker.routing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Deliveries collected during one read cycle of a publisher, grouped by the executor that owns each recipient, so that
 * every subscriber event loop gets one task and one flush per recipient per cycle instead of one per message. Owned
 * by one thread (the publisher's event loop, or the in-process publisher); {@link #dispatch()} hands the groups over.
 *
 * <p>A task that finds a recipient owned by another executor by the time it runs (the session was taken over in
 * between) forwards that delivery to the new owner instead of touching the recipient.
 */
public final class DeliveryBatch {
    private final Map<Executor, List<Pending>> byExecutor = new IdentityHashMap<>();

    private record Pending(Recipient recipient, Delivery delivery) {}

    /** Adds a delivery for {@code recipient}, grouped under its current executor. */
    public void add(Recipient recipient, Delivery delivery) {
        byExecutor.computeIfAbsent(recipient.executor(), e -> new ArrayList<>()).add(new Pending(recipient, delivery));
    }

    public boolean isEmpty() {
        return byExecutor.isEmpty();
    }

    /** Submits one task per executor with its deliveries, then forgets them. */
    public void dispatch() {
        if (byExecutor.isEmpty()) {
            return;
        }
        for (Map.Entry<Executor, List<Pending>> group : byExecutor.entrySet()) {
            Executor executor = group.getKey();
            List<Pending> deliveries = group.getValue();
            executor.execute(() -> deliverOn(executor, deliveries));
        }
        byExecutor.clear();
    }

    private static void deliverOn(Executor executor, List<Pending> deliveries) {
        Map<Recipient, Boolean> touched = new IdentityHashMap<>();
        DeliveryBatch moved = null;
        for (Pending pending : deliveries) {
            Recipient recipient = pending.recipient();
            if (recipient.executor() != executor) {
                if (moved == null) {
                    moved = new DeliveryBatch();
                }
                moved.add(recipient, pending.delivery());
                continue;
            }
            recipient.deliver(pending.delivery());
            touched.put(recipient, Boolean.TRUE);
        }
        touched.keySet().forEach(Recipient::flush);
        if (moved != null) {
            moved.dispatch();
        }
    }
}
