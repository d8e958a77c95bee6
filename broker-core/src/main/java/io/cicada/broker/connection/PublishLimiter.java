package io.cicada.broker.connection;

import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.RatePolicy;
import io.cicada.broker.limit.TokenBucket;
import io.cicada.broker.limit.TopicBounds;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The limits on one client's PUBLISH packets: the topic name's levels and length, and the publish rate and byte rate
 * as two {@link TokenBucket}s. Over a rate, {@link RatePolicy#PAUSE} stops reading from the client's socket and a
 * timer on the connection's loop resumes it once the buckets are out of debt (packets already read still go through
 * and deepen the debt, so the average stays at the rate); {@link RatePolicy#REFUSE} refuses the message instead.
 * Created only when such a limit is set. Lives with the connection's {@link PublishFlow} on its event loop: no locks,
 * nothing allocated per message (a pause schedules one timer).
 */
final class PublishLimiter {
    private final Connection connection;
    private final ClientLimits limits;
    private final Clock clock;
    private final LimitNotice notice;
    private final TokenBucket messages;
    private final TokenBucket bytes;
    private final Runnable resume = this::resumeWhenClear;
    private boolean paused;
    private Properties quotaProblem;
    private Properties topicProblem;

    private PublishLimiter(Connection connection, ConnectionContext context, ClientLimits limits) {
        this.connection = connection;
        this.limits = limits;
        this.clock = context.clock();
        this.notice = new LimitNotice(connection, context);
        long now = clock.millis();
        this.messages = limits.maxPublishRate() > 0
                ? new TokenBucket(limits.maxPublishRate(), limits.messageBurst(), now)
                : null;
        this.bytes = limits.maxPublishBytesRate() > 0
                ? new TokenBucket(limits.maxPublishBytesRate(), limits.byteBurst(), now)
                : null;
    }

    /** A limiter for the connection, or null when no publish limit is set (nothing to check per message). */
    static PublishLimiter create(Connection connection, ConnectionContext context) {
        ClientLimits limits = context.settings().limits();
        if (!limits.limitsPublishRate() && !limits.limitsTopics()) {
            return null;
        }
        return new PublishLimiter(connection, context, limits);
    }

    /**
     * Checks a PUBLISH on its way in (counting and logging what is over a limit).
     *
     * @param topic the topic name after Topic Alias handling
     * @return {@link ReasonCode#SUCCESS} to route it; {@link ReasonCode#TOPIC_NAME_INVALID} when the topic is over
     *     {@code max_topic_levels} or {@code max_topic_length}; {@link ReasonCode#QUOTA_EXCEEDED} when it is over a
     *     rate under {@link RatePolicy#REFUSE}
     */
    int check(Publish publish, String topic) {
        Limit topicLimit = limits.topicExceeds(topic);
        if (topicLimit != null) {
            if (notice.hit(topicLimit)) {
                notice.warn(topicLimit, describeTopic(topicLimit, topic) + ": " + outcome(publish, true));
            }
            return ReasonCode.TOPIC_NAME_INVALID;
        }
        if (messages == null && bytes == null) {
            return ReasonCode.SUCCESS;
        }
        int size = publish.payload().size();
        long now = clock.millis();
        if (limits.ratePolicy() == RatePolicy.REFUSE) {
            return admit(publish, size, now);
        }
        boolean messagesClear = messages == null || messages.take(1, now);
        boolean bytesClear = bytes == null || bytes.take(size, now);
        if (!(messagesClear && bytesClear) && !paused) {
            pause(messagesClear ? Limit.PUBLISH_BYTES_RATE : Limit.PUBLISH_RATE, now);
        }
        return ReasonCode.SUCCESS;
    }

    /** The Reason String properties for a refusal with {@code reasonCode} (built once per connection). */
    Properties problem(int reasonCode) {
        if (reasonCode == ReasonCode.QUOTA_EXCEEDED) {
            if (quotaProblem == null) {
                quotaProblem = connection.problem("publish rate limit exceeded");
            }
            return quotaProblem;
        }
        if (topicProblem == null) {
            topicProblem = connection.problem("topic name over the broker's limits on levels or length");
        }
        return topicProblem;
    }

    /** REFUSE: takes the tokens only when both buckets have them; otherwise the message is refused. */
    private int admit(Publish publish, int size, long now) {
        Limit over = null;
        if (messages != null && !messages.has(1, now)) {
            over = Limit.PUBLISH_RATE;
        } else if (bytes != null && !bytes.has(size, now)) {
            over = Limit.PUBLISH_BYTES_RATE;
        }
        if (over != null) {
            if (notice.hit(over)) {
                notice.warn(over, describeRate(over) + ": " + outcome(publish, false));
            }
            return ReasonCode.QUOTA_EXCEEDED;
        }
        if (messages != null) {
            messages.take(1, now);
        }
        if (bytes != null) {
            bytes.take(size, now);
        }
        return ReasonCode.SUCCESS;
    }

    private void pause(Limit over, long now) {
        paused = true;
        connection.outbound().pauseReading(Outbound.ReadPause.RATE_LIMIT);
        long wait = waitMillis(now);
        connection.outbound().schedule(resume, wait, TimeUnit.MILLISECONDS);
        if (notice.hit(over)) {
            notice.info(over, describeRate(over) + ": reading paused for " + wait + " ms");
        }
    }

    /** Timer: resumes reading once both buckets are out of debt, or waits again. Runs on the connection's loop. */
    private void resumeWhenClear() {
        if (connection.isClosed()) {
            paused = false;
            return;
        }
        long wait = waitMillis(clock.millis());
        if (wait > 0) {
            connection.outbound().schedule(resume, wait, TimeUnit.MILLISECONDS);
            return;
        }
        paused = false;
        connection.outbound().resumeReading(Outbound.ReadPause.RATE_LIMIT);
    }

    private long waitMillis(long now) {
        long wait = messages == null ? 0 : messages.millisUntilClear(now);
        if (bytes != null) {
            wait = Math.max(wait, bytes.millisUntilClear(now));
        }
        return wait;
    }

    private String describeRate(Limit over) {
        return over == Limit.PUBLISH_RATE
                ? limits.maxPublishRate() + " messages/s, burst " + limits.messageBurst()
                : limits.maxPublishBytesRate() + " bytes/s, burst " + limits.byteBurst();
    }

    private String describeTopic(Limit over, String topic) {
        return over == Limit.TOPIC_LEVELS
                ? "'" + LimitNotice.shortTopic(topic) + "' has " + TopicBounds.levels(topic) + " levels, at most "
                        + limits.maxTopicLevels() + " allowed"
                : "'" + LimitNotice.shortTopic(topic) + "' is longer than " + limits.maxTopicLength() + " bytes";
    }

    /** What happens to the refused PUBLISH, as {@link PublishFlow#refuseOverLimit} does it. */
    private String outcome(Publish publish, boolean topic) {
        boolean v5 = connection.version().isV5();
        if (topic && (publish.qos() == 0 || !v5)) {
            return "QoS " + publish.qos() + " PUBLISH refused, connection closed" + (v5 ? " (DISCONNECT 0x90)" : "");
        }
        if (publish.qos() == 0) {
            return "QoS 0 PUBLISH dropped";
        }
        if (!v5) {
            return "QoS " + publish.qos() + " PUBLISH acknowledged and dropped (MQTT 3.x has no refusal code)";
        }
        return "QoS " + publish.qos() + " PUBLISH refused with " + (topic ? "0x90" : "0x97");
    }
}
