package io.cicada.broker;

import io.cicada.broker.routing.SharingStrategy;
import java.util.Objects;

/**
 * The settings of MQTT 5 features that are policies rather than limits: how shared subscription groups pick a member.
 * Immutable; built from the configuration file by the server, or with {@link #builder()} by embedders and tests.
 * Every field's default is the value in {@code conf/cicada.yaml}.
 *
 * @param sharingStrategy how a {@code $share/{group}/{filter}} group picks the member that gets a message
 * @param outboundTopicAliasMaximum the most Topic Aliases the broker assigns on one connection's outbound PUBLISH
 *     packets (further capped by the Topic Alias Maximum the client sent); 0 switches outbound aliases off
 */
public record Mqtt5Settings(SharingStrategy sharingStrategy, int outboundTopicAliasMaximum) {
    public Mqtt5Settings {
        Objects.requireNonNull(sharingStrategy, "sharingStrategy");
    }

    /** The defaults: what the broker runs with when no configuration file is given. */
    public static Mqtt5Settings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sharingStrategy = sharingStrategy;
        b.outboundTopicAliasMaximum = outboundTopicAliasMaximum;
        return b;
    }

    /** Collects settings; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private SharingStrategy sharingStrategy = SharingStrategy.ROUND_ROBIN;
        private int outboundTopicAliasMaximum = 16;

        private Builder() {}

        /** How a shared subscription group picks the member that gets a message. Default round_robin. */
        public Builder sharingStrategy(SharingStrategy value) {
            this.sharingStrategy = value;
            return this;
        }

        /**
         * The most Topic Aliases assigned per connection on outbound PUBLISH packets, least recently used re-mapped
         * first (capped by the client's Topic Alias Maximum); 0 = off. Default 16.
         */
        public Builder outboundTopicAliasMaximum(int value) {
            this.outboundTopicAliasMaximum = value;
            return this;
        }

        public Mqtt5Settings build() {
            return new Mqtt5Settings(sharingStrategy, outboundTopicAliasMaximum);
        }
    }
}
