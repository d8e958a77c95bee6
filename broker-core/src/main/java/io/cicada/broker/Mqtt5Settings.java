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
 * @param responseInformation the Response Information sent in CONNACK to a client that sets Request Response
 *     Information 1, with {@code {clientid}} replaced by its client id; empty to send none
 * @param redirectTo a Server Reference to redirect every client to (server redirection); empty to serve clients
 * @param redirectPermanent with {@code redirectTo}: 0x9D Server moved instead of 0x9C Use another server
 * @param scramCredentialsFile a file of SCRAM credentials ({@code user:SCRAM-SHA-256:iterations:salt:storedKey:
 *     serverKey} lines) that switches on SCRAM-SHA-256/512 enhanced authentication; empty for none
 */
public record Mqtt5Settings(
        SharingStrategy sharingStrategy,
        int outboundTopicAliasMaximum,
        String responseInformation,
        String redirectTo,
        boolean redirectPermanent,
        String scramCredentialsFile) {
    public Mqtt5Settings {
        Objects.requireNonNull(sharingStrategy, "sharingStrategy");
        Objects.requireNonNull(responseInformation, "responseInformation");
        Objects.requireNonNull(redirectTo, "redirectTo");
        Objects.requireNonNull(scramCredentialsFile, "scramCredentialsFile");
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
        b.responseInformation = responseInformation;
        b.redirectTo = redirectTo;
        b.redirectPermanent = redirectPermanent;
        b.scramCredentialsFile = scramCredentialsFile;
        return b;
    }

    /** Collects settings; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private SharingStrategy sharingStrategy = SharingStrategy.ROUND_ROBIN;
        private int outboundTopicAliasMaximum = 16;
        private String responseInformation = "";
        private String redirectTo = "";
        private boolean redirectPermanent = false;
        private String scramCredentialsFile = "";

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

        /**
         * Response Information for clients that request it, {@code {clientid}} replaced by the client id (e.g.
         * {@code "reply/{clientid}/"}); empty = none. Default empty.
         */
        public Builder responseInformation(String value) {
            this.responseInformation = value;
            return this;
        }

        /** Server Reference every client is redirected to; empty = serve clients. Default empty. */
        public Builder redirectTo(String value) {
            this.redirectTo = value;
            return this;
        }

        /** Whether the redirection is permanent (0x9D Server moved) rather than 0x9C Use another server. Default false. */
        public Builder redirectPermanent(boolean value) {
            this.redirectPermanent = value;
            return this;
        }

        /** SCRAM credentials file that switches on SCRAM enhanced authentication; empty = none. Default empty. */
        public Builder scramCredentialsFile(String value) {
            this.scramCredentialsFile = value;
            return this;
        }

        public Mqtt5Settings build() {
            return new Mqtt5Settings(
                    sharingStrategy,
                    outboundTopicAliasMaximum,
                    responseInformation,
                    redirectTo,
                    redirectPermanent,
                    scramCredentialsFile);
        }
    }
}
