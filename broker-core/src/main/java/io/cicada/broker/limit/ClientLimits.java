package io.cicada.broker.limit;

import java.util.Objects;

/**
 * What one client may do: publish rate and byte rate (token buckets with a burst) and what happens over them, how many
 * subscriptions it may hold, and how many levels and bytes a topic name or filter may have. 0 means no limit
 * everywhere. Immutable; part of {@link io.cicada.broker.BrokerSettings}.
 *
 * @param maxPublishRate PUBLISH packets a second (0 = no limit)
 * @param publishRateBurst PUBLISH packets a client may send at once after being quiet (0 = {@code maxPublishRate})
 * @param maxPublishBytesRate PUBLISH payload bytes a second (0 = no limit)
 * @param publishBytesBurst payload bytes a client may send at once (0 = {@code maxPublishBytesRate})
 * @param ratePolicy {@link RatePolicy#PAUSE} (stop reading) or {@link RatePolicy#REFUSE} (drop / 0x97)
 * @param maxSubscriptions subscriptions one client (session) may hold (0 = no limit)
 * @param maxTopicLevels levels of a topic name or filter (0 = no limit)
 * @param maxTopicLength UTF-8 bytes of a topic name or filter (0 = no limit)
 */
public record ClientLimits(
        int maxPublishRate,
        int publishRateBurst,
        long maxPublishBytesRate,
        long publishBytesBurst,
        RatePolicy ratePolicy,
        int maxSubscriptions,
        int maxTopicLevels,
        int maxTopicLength) {

    private static final ClientLimits NONE = new ClientLimits(0, 0, 0, 0, RatePolicy.PAUSE, 0, 0, 0);

    public ClientLimits {
        Objects.requireNonNull(ratePolicy, "ratePolicy");
        if (maxPublishRate < 0
                || publishRateBurst < 0
                || maxPublishBytesRate < 0
                || publishBytesBurst < 0
                || maxSubscriptions < 0
                || maxTopicLevels < 0
                || maxTopicLength < 0) {
            throw new IllegalArgumentException("client limits must not be negative");
        }
    }

    /** No limits: the default. */
    public static ClientLimits none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .maxPublishRate(maxPublishRate)
                .publishRateBurst(publishRateBurst)
                .maxPublishBytesRate(maxPublishBytesRate)
                .publishBytesBurst(publishBytesBurst)
                .ratePolicy(ratePolicy)
                .maxSubscriptions(maxSubscriptions)
                .maxTopicLevels(maxTopicLevels)
                .maxTopicLength(maxTopicLength);
    }

    /** Whether a publish rate or byte rate is limited. */
    public boolean limitsPublishRate() {
        return maxPublishRate > 0 || maxPublishBytesRate > 0;
    }

    /** Whether topic names and filters are bounded. */
    public boolean limitsTopics() {
        return maxTopicLevels > 0 || maxTopicLength > 0;
    }

    /** The message burst in effect: {@link #publishRateBurst()}, or the rate when it is 0. */
    public int messageBurst() {
        return publishRateBurst > 0 ? publishRateBurst : maxPublishRate;
    }

    /** The byte burst in effect: {@link #publishBytesBurst()}, or the byte rate when it is 0. */
    public long byteBurst() {
        return publishBytesBurst > 0 ? publishBytesBurst : maxPublishBytesRate;
    }

    /** The limit a topic name or filter is over, or null. */
    public Limit topicExceeds(String topic) {
        return limitsTopics() ? TopicBounds.exceeded(topic, maxTopicLevels, maxTopicLength) : null;
    }

    /** Collects limits; starts with none. Not thread-safe. */
    public static final class Builder {
        private int maxPublishRate;
        private int publishRateBurst;
        private long maxPublishBytesRate;
        private long publishBytesBurst;
        private RatePolicy ratePolicy = RatePolicy.PAUSE;
        private int maxSubscriptions;
        private int maxTopicLevels;
        private int maxTopicLength;

        private Builder() {}

        /** PUBLISH packets a second per client (0 = no limit). */
        public Builder maxPublishRate(int value) {
            this.maxPublishRate = value;
            return this;
        }

        /** PUBLISH packets a client may send at once (0 = the rate). */
        public Builder publishRateBurst(int value) {
            this.publishRateBurst = value;
            return this;
        }

        /** PUBLISH payload bytes a second per client (0 = no limit). */
        public Builder maxPublishBytesRate(long value) {
            this.maxPublishBytesRate = value;
            return this;
        }

        /** Payload bytes a client may send at once (0 = the byte rate). */
        public Builder publishBytesBurst(long value) {
            this.publishBytesBurst = value;
            return this;
        }

        /** What happens over a rate. Default {@link RatePolicy#PAUSE}. */
        public Builder ratePolicy(RatePolicy value) {
            this.ratePolicy = value;
            return this;
        }

        /** Subscriptions per client (0 = no limit). */
        public Builder maxSubscriptions(int value) {
            this.maxSubscriptions = value;
            return this;
        }

        /** Levels of a topic name or filter (0 = no limit). */
        public Builder maxTopicLevels(int value) {
            this.maxTopicLevels = value;
            return this;
        }

        /** UTF-8 bytes of a topic name or filter (0 = no limit). */
        public Builder maxTopicLength(int value) {
            this.maxTopicLength = value;
            return this;
        }

        public ClientLimits build() {
            return new ClientLimits(
                    maxPublishRate,
                    publishRateBurst,
                    maxPublishBytesRate,
                    publishBytesBurst,
                    ratePolicy,
                    maxSubscriptions,
                    maxTopicLevels,
                    maxTopicLength);
        }
    }
}
