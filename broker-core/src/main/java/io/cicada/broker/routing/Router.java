package io.cicada.broker.routing;

import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.message.Message;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The publish path, in one place: authorize → retain → match → deliver. Stateless apart from its collaborators and
 * thread-safe: it runs on the publisher's event loop (or any thread for in-process publishes), matches the
 * {@link TopicTree} without locks and hands each delivery to its recipient's executor through a {@link DeliveryBatch}.
 *
 * <p>Overlapping subscriptions: when several subscriptions of one session match, the session gets ONE delivery at
 * the highest QoS of them, carrying all their Subscription Identifiers [MQTT-3.3.4-2] [MQTT-3.3.4-3] [MQTT-3.3.4-4]
 * [MQTT-3.3.4-5]. MQTT 3.1.1 leaves the choice to the server [MQTT-3.3.5-1]; Cicada does the same there, so a 3.1.1
 * client never sees a message twice because its filters overlap.
 *
 * <p>Shared subscriptions (§4.8.2): each matching group chooses one member, which gets its own delivery at the QoS of
 * its own subscription [MQTT-4.8.2-3], apart from any delivery for its ordinary subscriptions (a client subscribed
 * both ways can get the message twice, as the spec allows). {@link #redeliver} gives a shared delivery that a member
 * could not complete to another member of the group.
 */
public final class Router {
    private final TopicTree tree;
    private final RetainedMessages retained;
    private final Authorizer authorizer;

    public Router(TopicTree tree, RetainedMessages retained, Authorizer authorizer) {
        this.tree = tree;
        this.retained = retained;
        this.authorizer = authorizer;
    }

    /**
     * Routes a client's message: deliveries are added to {@code batch}, which the caller dispatches at the end of its
     * read cycle. Returns {@link ReasonCode#SUCCESS}, or {@link ReasonCode#NOT_AUTHORIZED} when the message was
     * refused and not routed.
     *
     * @param username the publisher's user name for the authorizer (may be null)
     */
    public int publish(Message message, String username, DeliveryBatch batch) {
        if (message.senderClientId() != null) {
            // Clients may not publish to $-topics such as $SYS/...: those belong to the broker [MQTT-4.7.2-1] note.
            if (message.topic().startsWith("$")) {
                return ReasonCode.NOT_AUTHORIZED;
            }
            if (!authorizer.mayPublish(message.senderClientId(), username, message.topic())) {
                return ReasonCode.NOT_AUTHORIZED;
            }
        }
        return publishAuthorized(message, batch);
    }

    /**
     * {@link #publish(Message, String, DeliveryBatch)} for a client's message the caller has authorized already (with
     * an answer that came asynchronously): only the rule that clients may not publish to $-topics is applied here.
     */
    public int publishAuthorized(Message message, DeliveryBatch batch) {
        if (message.senderClientId() != null && message.topic().startsWith("$")) {
            return ReasonCode.NOT_AUTHORIZED; // [MQTT-4.7.2-1] note: $-topics belong to the broker
        }
        if (message.retain()) {
            retained.retain(message); // [MQTT-3.3.1-5] store or replace; [MQTT-3.3.1-10] empty payload clears
        }
        Matches matches = new Matches(message);
        tree.match(message.topic(), matches, group -> {
            TopicSubscription chosen = group.choose(null);
            if (chosen != null) {
                batch.add((Recipient) chosen.subscriber(), sharedDelivery(message, chosen, group));
            }
        });
        matches.addTo(batch);
        return ReasonCode.SUCCESS;
    }

    /**
     * Gives a shared delivery that {@code from} will not complete (it went offline or its session ended) to another
     * member of the same group, chosen as for a new message; returns false, and does nothing, when the group has no
     * other member (no other online member when {@code onlineOnly}). The delivery is added to {@code batch}, which
     * the caller dispatches.
     */
    public boolean redeliver(Delivery delivery, Subscriber from, DeliveryBatch batch, boolean onlineOnly) {
        SharedGroup group = delivery.sharedGroup();
        if (group == null) {
            return false;
        }
        TopicSubscription chosen = group.choose(from);
        // choose() prefers online members, so an offline choice means no other member is online
        if (chosen == null || (onlineOnly && !((Recipient) chosen.subscriber()).isOnline())) {
            return false;
        }
        batch.add((Recipient) chosen.subscriber(), sharedDelivery(delivery.message(), chosen, group));
        return true;
    }

    private static Delivery sharedDelivery(Message message, TopicSubscription chosen, SharedGroup group) {
        int qos = Math.min(message.qos(), chosen.options().qos()); // [MQTT-4.8.2-3]
        boolean retain = chosen.options().retainAsPublished() && message.retain();
        List<Integer> ids = chosen.subscriptionIdentifier() > 0 ? List.of(chosen.subscriptionIdentifier()) : List.of();
        return new Delivery(message, qos, retain, ids, group);
    }

    /** Routes a message made by the broker or an embedder (no authorization) and dispatches it at once. */
    public void publish(Message message) {
        DeliveryBatch batch = new DeliveryBatch();
        publish(message, null, batch);
        batch.dispatch();
    }

    /** Routes a will message on behalf of its client and dispatches it at once; refused wills are dropped. */
    public void publishWill(Message will, String username) {
        DeliveryBatch batch = new DeliveryBatch();
        if (!authorizer.asksRemotely()) {
            publish(will, username, batch);
        } else if (authorizer.publishVerdict(will.senderClientId(), username, will.topic(), will.qos(), will.retain())
                != Authorizer.Verdict.DENY) {
            // Allowed at CONNECT; refused now only by an answer in memory (an ACL reloaded since), as a remote
            // service cannot be waited for here.
            publishAuthorized(will, batch);
        }
        batch.dispatch();
    }

    public int subscriptionCount() {
        return tree.subscriptionCount();
    }

    /**
     * The matching subscriptions of one message, folded into one delivery per recipient. The first recipient is held
     * in fields and a map is made only for a second one: most topics have one subscriber, and then routing a message
     * allocates no map.
     */
    private static final class Matches implements Consumer<TopicSubscription> {
        private final Message message;
        private Recipient firstRecipient;
        private Fold first;
        private Map<Recipient, Fold> others;

        Matches(Message message) {
            this.message = message;
        }

        @Override
        public void accept(TopicSubscription subscription) {
            Recipient recipient = (Recipient) subscription.subscriber();
            // [MQTT-3.8.3-3] No Local: not sent back to the connection that published it.
            if (subscription.options().noLocal() && Objects.equals(recipient.clientId(), message.senderClientId())) {
                return;
            }
            if (first == null) {
                firstRecipient = recipient;
                first = new Fold();
                first.add(subscription, message);
            } else if (recipient == firstRecipient) {
                first.add(subscription, message);
            } else {
                if (others == null) {
                    others = new IdentityHashMap<>();
                }
                others.computeIfAbsent(recipient, r -> new Fold()).add(subscription, message);
            }
        }

        void addTo(DeliveryBatch batch) {
            if (first != null) {
                batch.add(firstRecipient, first.toDelivery(message));
            }
            if (others != null) {
                others.forEach((recipient, fold) -> batch.add(recipient, fold.toDelivery(message)));
            }
        }
    }

    private static final class Fold {
        private int qos = -1;
        private boolean retain;
        private List<Integer> identifiers = List.of();

        void add(TopicSubscription subscription, Message message) {
            qos = Math.max(qos, Math.min(message.qos(), subscription.options().qos())); // [MQTT-3.8.4-6]
            // [MQTT-3.3.1-12] live messages keep RETAIN only with Retain As Published ([MQTT-3.3.1-9] in 3.1.1).
            retain |= subscription.options().retainAsPublished() && message.retain();
            if (subscription.subscriptionIdentifier() > 0) {
                if (identifiers.isEmpty()) {
                    identifiers = new ArrayList<>(2);
                }
                identifiers.add(subscription.subscriptionIdentifier());
            }
        }

        Delivery toDelivery(Message message) {
            return new Delivery(message, qos, retain, identifiers);
        }
    }
}
