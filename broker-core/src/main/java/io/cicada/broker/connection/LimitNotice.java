package io.cicada.broker.connection;

import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.LimitLog;
import io.cicada.broker.observe.BrokerStats;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one client's limit hits in {@link BrokerStats} and writes the log line that says why, at most one per limit
 * every {@value LimitLog#DEFAULT_INTERVAL_MILLIS} ms, so a client cannot flood the log. One per flow that enforces a
 * limit; touched only on the connection's event loop.
 */
final class LimitNotice {
    private static final Logger LOG = LoggerFactory.getLogger(LimitNotice.class);
    private static final int TOPIC_IN_LOG = 100;

    private final Connection connection;
    private final BrokerStats stats;
    private final Clock clock;
    private LimitLog log;

    LimitNotice(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.stats = context.stats();
        this.clock = context.clock();
    }

    /** Counts a hit of {@code limit}; true when a log line about it may be written now. */
    boolean hit(Limit limit) {
        stats.limitHit(limit);
        if (log == null) {
            log = new LimitLog(LimitLog.DEFAULT_INTERVAL_MILLIS);
        }
        return log.allow(limit, clock.millis());
    }

    /** A warning about {@code limit} (after {@link #hit} said yes): {@code client 'c' over max_x: what}. */
    void warn(Limit limit, String what) {
        LOG.warn("client '{}' over {}: {}{}", connection.clientId(), limit.configKey(), what, held(limit));
    }

    /** {@link #warn} at INFO, for what is normal flow control rather than a refusal. */
    void info(Limit limit, String what) {
        LOG.info("client '{}' over {}: {}{}", connection.clientId(), limit.configKey(), what, held(limit));
    }

    /** A topic for a log line: at most {@value TOPIC_IN_LOG} characters. */
    static String shortTopic(String topic) {
        return topic.length() <= TOPIC_IN_LOG ? topic : topic.substring(0, TOPIC_IN_LOG) + "...";
    }

    private String held(Limit limit) {
        int held = log.takeHeld(limit);
        return held == 0 ? "" : " (" + held + " more since the last line)";
    }
}
