package io.cicada.broker.connection;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.Session;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE → SUBACK: per-filter validation and authorization, granted QoS, replacing an existing subscription
 * [MQTT-3.8.4-3], Subscription Identifiers and the retained messages a subscription gets (Retain Handling in MQTT 5).
 * Runs on the connection's event loop, which owns the session.
 */
final class SubscribeFlow {
    private final Connection connection;
    private final ConnectionContext context;
    private final BrokerSettings settings;
    private final SubscribeLimits limits;

    SubscribeFlow(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.context = context;
        this.settings = context.settings();
        this.limits = SubscribeLimits.create(connection, context);
    }

    void onSubscribe(Subscribe subscribe) {
        boolean v5 = connection.version().isV5();
        List<Integer> identifiers = v5 ? subscribe.properties().subscriptionIdentifiers() : List.of();
        int identifier = identifiers.isEmpty() ? 0 : identifiers.get(0);
        if (identifier != 0 && !settings.subscriptionIdentifiersAvailable()) {
            connection.disconnectWith(
                    ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, "subscription identifiers not supported", true);
            return;
        }
        for (Subscription requested : subscribe.subscriptions()) {
            if (v5 && requested.noLocal() && Topics.isSharedFilter(requested.topicFilter())) {
                connection.protocolError("No Local on a shared subscription"); // [MQTT-3.8.3-4]
                return;
            }
        }
        Session session = connection.session();
        List<Integer> codes = new ArrayList<>(subscribe.subscriptions().size());
        List<Delivery> retained = new ArrayList<>();
        SubscribeLimits.Quota quota = limits == null ? null : limits.quota(session);
        for (Subscription requested : subscribe.subscriptions()) {
            int refusal = refusal(requested.topicFilter());
            if (refusal == ReasonCode.SUCCESS && quota != null && !quota.admit(requested.topicFilter())) {
                refusal = ReasonCode.QUOTA_EXCEEDED; // max_subscriptions_per_client
            }
            if (refusal != ReasonCode.SUCCESS) {
                codes.add(v5 ? refusal : ReasonCode.V3_SUBACK_FAILURE);
                continue;
            }
            int granted = Math.min(requested.qos(), settings.maximumQos());
            Subscription options = new Subscription(
                    requested.topicFilter(),
                    granted,
                    requested.noLocal(),
                    requested.retainAsPublished(),
                    requested.retainHandling());
            TopicSubscription replaced =
                    session.subscribe(new TopicSubscription(session, requested.topicFilter(), options, identifier));
            // Retain Handling: 0 always, 1 only for a new subscription, 2 never [MQTT-3.3.1-9] [MQTT-3.3.1-10] (v5);
            // a shared subscription gets no retained messages (§4.8.2)
            int handling = requested.retainHandling();
            boolean shared = Topics.isSharedFilter(requested.topicFilter());
            if (!shared && (handling == 0 || (handling == 1 && replaced == null))) {
                List<Integer> ids = identifier == 0 ? List.of() : List.of(identifier);
                context.retained()
                        .forEachMatching(
                                requested.topicFilter(),
                                message -> retained.add(retainedDelivery(message, granted, ids)));
            }
            codes.add(granted);
        }
        connection.send(new SubAck(subscribe.packetId(), codes, Properties.EMPTY));
        retained.forEach(session::deliver);
    }

    /** Why a filter is refused (MQTT 5 reason code), or SUCCESS. */
    private int refusal(String filter) {
        if (!Topics.isValidTopicFilter(filter)) {
            return ReasonCode.TOPIC_FILTER_INVALID;
        }
        if (limits != null && limits.filterRefusal(filter) != ReasonCode.SUCCESS) {
            return ReasonCode.TOPIC_FILTER_INVALID; // max_topic_levels, max_topic_length
        }
        if (Topics.isSharedFilter(filter) && !settings.sharedSubscriptionsAvailable()) {
            return ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        if (!settings.wildcardSubscriptionAvailable() && Topics.hasWildcard(filter)) {
            return ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        if (!connection.authorization().maySubscribe(connection.clientId(), connection.username(), filter)) {
            return ReasonCode.NOT_AUTHORIZED;
        }
        return ReasonCode.SUCCESS;
    }

    /** A retained message sent because of a SUBSCRIBE keeps RETAIN=1 [MQTT-3.3.1-8]. */
    private static Delivery retainedDelivery(Message message, int granted, List<Integer> identifiers) {
        return new Delivery(message, Math.min(message.qos(), granted), true, identifiers);
    }
}
