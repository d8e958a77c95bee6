package io.cicada.broker;

import io.cicada.broker.limit.ClientLimits;

/**
 * The protocol settings of the broker core: limits and the features it advertises. Immutable; built from the
 * configuration file by the server, or with {@link #builder()} by embedders and tests. Every field's default is the
 * value in {@code conf/cicada.yaml}.
 */
public record BrokerSettings(
        int maxPacketSize,
        int receiveMaximum,
        int maxInflightMessages,
        int maxQueuedMessages,
        long maxQueuedBytes,
        boolean queueQos0Offline,
        int topicAliasMaximum,
        int maxKeepAliveSeconds,
        long maxSessionExpirySeconds,
        int maximumQos,
        boolean retainAvailable,
        boolean wildcardSubscriptionAvailable,
        boolean subscriptionIdentifiersAvailable,
        boolean sharedSubscriptionsAvailable,
        boolean allowEmptyClientId,
        int maxClientIdLength,
        String assignedClientIdPrefix,
        int connectTimeoutSeconds,
        int sysIntervalSeconds,
        boolean allowAnonymous,
        String brokerVersion,
        boolean sysClientEvents,
        ClientLimits limits,
        int slowConsumerBacklog,
        int slowConsumerTimeoutSeconds,
        SlowConsumerPolicy slowConsumerPolicy) {

    /** The defaults: what the broker runs with when no configuration file is given. */
    public static BrokerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxPacketSize = maxPacketSize;
        b.receiveMaximum = receiveMaximum;
        b.maxInflightMessages = maxInflightMessages;
        b.maxQueuedMessages = maxQueuedMessages;
        b.maxQueuedBytes = maxQueuedBytes;
        b.queueQos0Offline = queueQos0Offline;
        b.topicAliasMaximum = topicAliasMaximum;
        b.maxKeepAliveSeconds = maxKeepAliveSeconds;
        b.maxSessionExpirySeconds = maxSessionExpirySeconds;
        b.maximumQos = maximumQos;
        b.retainAvailable = retainAvailable;
        b.wildcardSubscriptionAvailable = wildcardSubscriptionAvailable;
        b.subscriptionIdentifiersAvailable = subscriptionIdentifiersAvailable;
        b.sharedSubscriptionsAvailable = sharedSubscriptionsAvailable;
        b.allowEmptyClientId = allowEmptyClientId;
        b.maxClientIdLength = maxClientIdLength;
        b.assignedClientIdPrefix = assignedClientIdPrefix;
        b.connectTimeoutSeconds = connectTimeoutSeconds;
        b.sysIntervalSeconds = sysIntervalSeconds;
        b.allowAnonymous = allowAnonymous;
        b.brokerVersion = brokerVersion;
        b.sysClientEvents = sysClientEvents;
        b.limits = limits;
        b.slowConsumerBacklog = slowConsumerBacklog;
        b.slowConsumerTimeoutSeconds = slowConsumerTimeoutSeconds;
        b.slowConsumerPolicy = slowConsumerPolicy;
        return b;
    }

    /** Collects settings; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxPacketSize = 268_435_460;
        private int receiveMaximum = 65_535;
        private int maxInflightMessages = 100;
        private int maxQueuedMessages = 1_000;
        private long maxQueuedBytes = 0;
        private boolean queueQos0Offline = false;
        private int topicAliasMaximum = 10;
        private int maxKeepAliveSeconds = 65_535;
        private long maxSessionExpirySeconds = 4_294_967_295L;
        private int maximumQos = 2;
        private boolean retainAvailable = true;
        private boolean wildcardSubscriptionAvailable = true;
        private boolean subscriptionIdentifiersAvailable = true;
        private boolean sharedSubscriptionsAvailable = true;
        private boolean allowEmptyClientId = true;
        private int maxClientIdLength = 65_535;
        private String assignedClientIdPrefix = "auto-";
        private int connectTimeoutSeconds = 10;
        private int sysIntervalSeconds = 10;
        private boolean allowAnonymous = true;
        private String brokerVersion = "cicada 0.1.0";
        private boolean sysClientEvents;
        private ClientLimits limits = ClientLimits.none();
        private int slowConsumerBacklog = 200;
        private int slowConsumerTimeoutSeconds = 10;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.DROP;

        private Builder() {}

        /** Largest packet accepted from a client, in bytes (the MQTT maximum by default); larger ones are refused with 0x95 before they are buffered. Default 268435460. */
        public Builder maxPacketSize(int value) {
            this.maxPacketSize = value;
            return this;
        }

        /** Receive Maximum advertised to MQTT 5 clients: QoS 1/2 PUBLISHes a client may have unacknowledged towards the broker. Default 65535. */
        public Builder receiveMaximum(int value) {
            this.receiveMaximum = value;
            return this;
        }

        /** Outbound QoS 1/2 messages unacknowledged per client at once (further capped by the client's Receive Maximum); the rest wait in the session queue. Default 100. */
        public Builder maxInflightMessages(int value) {
            this.maxInflightMessages = value;
            return this;
        }

        /** Messages held per session while offline or beyond the in-flight window; 0 = no limit. Default 1000. */
        public Builder maxQueuedMessages(int value) {
            this.maxQueuedMessages = value;
            return this;
        }

        /** Payload bytes held per session queue; 0 = no limit. Default 0. */
        public Builder maxQueuedBytes(long value) {
            this.maxQueuedBytes = value;
            return this;
        }

        /** Whether QoS 0 messages are queued for offline persistent sessions (Mosquitto's queue_qos0_messages). Default false. */
        public Builder queueQos0Offline(boolean value) {
            this.queueQos0Offline = value;
            return this;
        }

        /** Topic Alias Maximum advertised to MQTT 5 clients for inbound aliases; 0 disables them. Default 10. */
        public Builder topicAliasMaximum(int value) {
            this.topicAliasMaximum = value;
            return this;
        }

        /** Largest keep-alive granted; an MQTT 5 client asking for more (or 0) gets Server Keep Alive. Default 65535. */
        public Builder maxKeepAliveSeconds(int value) {
            this.maxKeepAliveSeconds = value;
            return this;
        }

        /** Cap on an MQTT 5 Session Expiry Interval (0xFFFFFFFF = never expires). Default 4294967295L. */
        public Builder maxSessionExpirySeconds(long value) {
            this.maxSessionExpirySeconds = value;
            return this;
        }

        /** Highest QoS the broker accepts (advertised as Maximum QoS when below 2). Default 2. */
        public Builder maximumQos(int value) {
            this.maximumQos = value;
            return this;
        }

        /** Whether retained messages are supported. Default true. */
        public Builder retainAvailable(boolean value) {
            this.retainAvailable = value;
            return this;
        }

        /** Whether wildcard filters are allowed in SUBSCRIBE. Default true. */
        public Builder wildcardSubscriptionAvailable(boolean value) {
            this.wildcardSubscriptionAvailable = value;
            return this;
        }

        /** Whether MQTT 5 Subscription Identifiers are supported. Default true. */
        public Builder subscriptionIdentifiersAvailable(boolean value) {
            this.subscriptionIdentifiersAvailable = value;
            return this;
        }

        /** Whether $share/{group}/{filter} subscriptions are supported. Default true. */
        public Builder sharedSubscriptionsAvailable(boolean value) {
            this.sharedSubscriptionsAvailable = value;
            return this;
        }

        /** Whether a client may connect with an empty client id (assigned one; MQTT 3.1.1 also needs clean session 1). Default true. */
        public Builder allowEmptyClientId(boolean value) {
            this.allowEmptyClientId = value;
            return this;
        }

        /** Longest client id accepted (the spec requires at least 23). Default 65535. */
        public Builder maxClientIdLength(int value) {
            this.maxClientIdLength = value;
            return this;
        }

        /** Prefix of client ids the broker assigns. Default "auto-". */
        public Builder assignedClientIdPrefix(String value) {
            this.assignedClientIdPrefix = value;
            return this;
        }

        /** Seconds a new connection may take to send CONNECT before it is closed. Default 10. */
        public Builder connectTimeoutSeconds(int value) {
            this.connectTimeoutSeconds = value;
            return this;
        }

        /** Seconds between $SYS updates; 0 disables $SYS. Default 10. */
        public Builder sysIntervalSeconds(int value) {
            this.sysIntervalSeconds = value;
            return this;
        }

        /** Whether clients without a user name may connect. Default true. */
        public Builder allowAnonymous(boolean value) {
            this.allowAnonymous = value;
            return this;
        }

        /** Version string published in $SYS/broker/version. Default "cicada 0.1.0". */
        public Builder brokerVersion(String value) {
            this.brokerVersion = value;
            return this;
        }

        /**
         * Whether client connect and disconnect events are published to {@code $SYS/broker/clients/<id>/connected}
         * and {@code .../disconnected}. Default false.
         */
        public Builder sysClientEvents(boolean value) {
            this.sysClientEvents = value;
            return this;
        }

        /**
         * Per-client limits: publish rate and byte rate, subscriptions, topic levels and length. Default
         * {@link ClientLimits#none()}.
         */
        public Builder limits(ClientLimits value) {
            this.limits = java.util.Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Messages waiting for one online subscriber (inbox and queue) at which it counts as congested: QoS 0
         * messages for it are dropped and publishers of QoS 1/2 messages to it stop being read until it is back
         * under half of this. Kept below half of {@code maxQueuedMessages}. Default 200.
         */
        public Builder slowConsumerBacklog(int value) {
            this.slowConsumerBacklog = value;
            return this;
        }

        /** Seconds a subscriber may stay congested before {@link #slowConsumerPolicy} applies to it. Default 10. */
        public Builder slowConsumerTimeoutSeconds(int value) {
            this.slowConsumerTimeoutSeconds = value;
            return this;
        }

        /** What happens to a subscriber congested for longer than the timeout. Default {@code DROP}. */
        public Builder slowConsumerPolicy(SlowConsumerPolicy value) {
            this.slowConsumerPolicy = value;
            return this;
        }

        public BrokerSettings build() {
            return new BrokerSettings(
                    maxPacketSize,
                    receiveMaximum,
                    maxInflightMessages,
                    maxQueuedMessages,
                    maxQueuedBytes,
                    queueQos0Offline,
                    topicAliasMaximum,
                    maxKeepAliveSeconds,
                    maxSessionExpirySeconds,
                    maximumQos,
                    retainAvailable,
                    wildcardSubscriptionAvailable,
                    subscriptionIdentifiersAvailable,
                    sharedSubscriptionsAvailable,
                    allowEmptyClientId,
                    maxClientIdLength,
                    assignedClientIdPrefix,
                    connectTimeoutSeconds,
                    sysIntervalSeconds,
                    allowAnonymous,
                    brokerVersion,
                    sysClientEvents,
                    limits,
                    slowConsumerBacklog,
                    slowConsumerTimeoutSeconds,
                    slowConsumerPolicy);
        }
    }
}
