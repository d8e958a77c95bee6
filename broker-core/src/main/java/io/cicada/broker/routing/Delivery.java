package io.cicada.broker.routing;

import io.cicada.broker.message.Message;
import java.util.List;

/**
 * One message on its way to one subscriber: the shared message plus what is particular to this hop. Immutable.
 *
 * @param qos the delivery QoS: the lower of the published QoS and the highest granted QoS of the matching
 *     subscriptions [MQTT-3.8.4-6]
 * @param retain the RETAIN flag to send: 1 for retained messages sent because of a SUBSCRIBE [MQTT-3.3.1-8], else 0
 *     unless a matching subscription has Retain As Published [MQTT-3.3.1-9] (MQTT 5: [MQTT-3.3.1-12/13])
 * @param subscriptionIdentifiers the MQTT 5 Subscription Identifiers of every matching subscription [MQTT-3.3.4-3]
 * @param sharedGroup the shared subscription group that chose this recipient, or null for an ordinary subscription;
 *     a shared delivery the recipient cannot complete may be given to another member of the group (§4.8.2)
 * @param journalSeq the delivery's position in its session's durable queue, or 0 when it is not stored (memory mode,
 *     a clean session, QoS 0, a retained message sent at SUBSCRIBE)
 */
public record Delivery(
        Message message,
        int qos,
        boolean retain,
        List<Integer> subscriptionIdentifiers,
        SharedGroup sharedGroup,
        long journalSeq) {
    public Delivery {
        subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
    }

    /** A delivery for an ordinary (not shared) subscription, not (yet) stored. */
    public Delivery(Message message, int qos, boolean retain, List<Integer> subscriptionIdentifiers) {
        this(message, qos, retain, subscriptionIdentifiers, null, 0);
    }

    /** A delivery, not (yet) stored. */
    public Delivery(
            Message message, int qos, boolean retain, List<Integer> subscriptionIdentifiers, SharedGroup sharedGroup) {
        this(message, qos, retain, subscriptionIdentifiers, sharedGroup, 0);
    }

    /** This delivery at position {@code seq} of its session's durable queue. */
    public Delivery withJournalSeq(long seq) {
        return new Delivery(message, qos, retain, subscriptionIdentifiers, sharedGroup, seq);
    }
}
