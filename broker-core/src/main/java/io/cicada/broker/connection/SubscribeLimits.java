package io.cicada.broker.connection;

import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.TopicBounds;
import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.Session;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.HashSet;
import java.util.Set;

/**
 * The limits on one client's SUBSCRIBE: levels and length of each topic filter, and the number of subscriptions its
 * session may hold ({@code max_subscriptions_per_client}; re-subscribing to a filter it already has replaces that
 * subscription and does not count again). Created only when such a limit is set. Lives with the connection's
 * {@link SubscribeFlow} on its event loop.
 */
final class SubscribeLimits {
    private final ClientLimits limits;
    private final LimitNotice notice;

    private SubscribeLimits(Connection connection, ConnectionContext context, ClientLimits limits) {
        this.limits = limits;
        this.notice = new LimitNotice(connection, context);
    }

    /** The limits for the connection, or null when none is set. */
    static SubscribeLimits create(Connection connection, ConnectionContext context) {
        ClientLimits limits = context.settings().limits();
        if (limits.maxSubscriptions() == 0 && !limits.limitsTopics()) {
            return null;
        }
        return new SubscribeLimits(connection, context, limits);
    }

    /** {@link ReasonCode#TOPIC_FILTER_INVALID} when {@code filter} is over the topic bounds, else SUCCESS. */
    int filterRefusal(String filter) {
        Limit over = limits.topicExceeds(filter);
        if (over == null) {
            return ReasonCode.SUCCESS;
        }
        if (notice.hit(over)) {
            String what = over == Limit.TOPIC_LEVELS
                    ? "has " + TopicBounds.levels(filter) + " levels, at most " + limits.maxTopicLevels() + " allowed"
                    : "is longer than " + limits.maxTopicLength() + " bytes";
            notice.warn(over, "topic filter '" + LimitNotice.shortTopic(filter) + "' " + what + ": refused in SUBACK");
        }
        return ReasonCode.TOPIC_FILTER_INVALID;
    }

    /** The subscription quota for one SUBSCRIBE packet, or null when the number of subscriptions is not limited. */
    Quota quota(Session session) {
        return limits.maxSubscriptions() == 0 ? null : new Quota(session);
    }

    /** The filters a session holds while one SUBSCRIBE is handled, and whether one more fits. */
    final class Quota {
        private final Set<String> held = new HashSet<>();

        private Quota(Session session) {
            for (TopicSubscription subscription : session.subscriptions()) {
                held.add(subscription.topicFilter());
            }
        }

        /**
         * Whether the session may subscribe to {@code filter}: it already has it, or it has room for one more (then
         * the filter counts from now on). Otherwise the refusal is counted and logged.
         */
        boolean admit(String filter) {
            if (held.contains(filter) || held.size() < limits.maxSubscriptions()) {
                held.add(filter);
                return true;
            }
            if (notice.hit(Limit.SUBSCRIPTIONS)) {
                notice.warn(
                        Limit.SUBSCRIPTIONS,
                        "holds " + held.size() + " subscriptions, at most " + limits.maxSubscriptions() + " allowed: '"
                                + LimitNotice.shortTopic(filter) + "' refused in SUBACK");
            }
            return false;
        }
    }
}
