package io.cicada.mqtt.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The MQTT 5 properties of one packet (§2.2.2), typed, with null for "absent" (lists are empty when absent).
 * Immutable and thread-safe; build one with {@link #builder()} or change a copy with {@link #toBuilder()}. Which
 * properties a packet type may carry is checked by the codec, not here. MQTT 3.1 / 3.1.1 packets carry {@link #EMPTY}.
 */
public final class Properties {
    /** No properties. */
    public static final Properties EMPTY = new Builder().build();

    private final Integer payloadFormatIndicator;
    private final Long messageExpiryInterval;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<Integer> subscriptionIdentifiers;
    private final Long sessionExpiryInterval;
    private final String assignedClientIdentifier;
    private final Integer serverKeepAlive;
    private final String authenticationMethod;
    private final byte[] authenticationData;
    private final Integer requestProblemInformation;
    private final Long willDelayInterval;
    private final Integer requestResponseInformation;
    private final String responseInformation;
    private final String serverReference;
    private final String reasonString;
    private final Integer receiveMaximum;
    private final Integer topicAliasMaximum;
    private final Integer topicAlias;
    private final Integer maximumQos;
    private final Integer retainAvailable;
    private final List<UserProperty> userProperties;
    private final Long maximumPacketSize;
    private final Integer wildcardSubscriptionAvailable;
    private final Integer subscriptionIdentifierAvailable;
    private final Integer sharedSubscriptionAvailable;

    private Properties(Builder b) {
        this.payloadFormatIndicator = b.payloadFormatIndicator;
        this.messageExpiryInterval = b.messageExpiryInterval;
        this.contentType = b.contentType;
        this.responseTopic = b.responseTopic;
        this.correlationData = b.correlationData == null ? null : b.correlationData.clone();
        this.subscriptionIdentifiers =
                b.subscriptionIdentifiers == null ? List.of() : List.copyOf(b.subscriptionIdentifiers);
        this.sessionExpiryInterval = b.sessionExpiryInterval;
        this.assignedClientIdentifier = b.assignedClientIdentifier;
        this.serverKeepAlive = b.serverKeepAlive;
        this.authenticationMethod = b.authenticationMethod;
        this.authenticationData = b.authenticationData == null ? null : b.authenticationData.clone();
        this.requestProblemInformation = b.requestProblemInformation;
        this.willDelayInterval = b.willDelayInterval;
        this.requestResponseInformation = b.requestResponseInformation;
        this.responseInformation = b.responseInformation;
        this.serverReference = b.serverReference;
        this.reasonString = b.reasonString;
        this.receiveMaximum = b.receiveMaximum;
        this.topicAliasMaximum = b.topicAliasMaximum;
        this.topicAlias = b.topicAlias;
        this.maximumQos = b.maximumQos;
        this.retainAvailable = b.retainAvailable;
        this.userProperties = b.userProperties == null ? List.of() : List.copyOf(b.userProperties);
        this.maximumPacketSize = b.maximumPacketSize;
        this.wildcardSubscriptionAvailable = b.wildcardSubscriptionAvailable;
        this.subscriptionIdentifierAvailable = b.subscriptionIdentifierAvailable;
        this.sharedSubscriptionAvailable = b.sharedSubscriptionAvailable;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.payloadFormatIndicator = payloadFormatIndicator;
        b.messageExpiryInterval = messageExpiryInterval;
        b.contentType = contentType;
        b.responseTopic = responseTopic;
        b.correlationData = correlationData;
        b.subscriptionIdentifiers = subscriptionIdentifiers.isEmpty() ? null : new ArrayList<>(subscriptionIdentifiers);
        b.sessionExpiryInterval = sessionExpiryInterval;
        b.assignedClientIdentifier = assignedClientIdentifier;
        b.serverKeepAlive = serverKeepAlive;
        b.authenticationMethod = authenticationMethod;
        b.authenticationData = authenticationData;
        b.requestProblemInformation = requestProblemInformation;
        b.willDelayInterval = willDelayInterval;
        b.requestResponseInformation = requestResponseInformation;
        b.responseInformation = responseInformation;
        b.serverReference = serverReference;
        b.reasonString = reasonString;
        b.receiveMaximum = receiveMaximum;
        b.topicAliasMaximum = topicAliasMaximum;
        b.topicAlias = topicAlias;
        b.maximumQos = maximumQos;
        b.retainAvailable = retainAvailable;
        b.userProperties = userProperties.isEmpty() ? null : new ArrayList<>(userProperties);
        b.maximumPacketSize = maximumPacketSize;
        b.wildcardSubscriptionAvailable = wildcardSubscriptionAvailable;
        b.subscriptionIdentifierAvailable = subscriptionIdentifierAvailable;
        b.sharedSubscriptionAvailable = sharedSubscriptionAvailable;
        return b;
    }

    /** True when no property is present. */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** Payload Format Indicator: 0 unspecified bytes, 1 UTF-8 (0x01), or null when absent. */
    public Integer payloadFormatIndicator() {
        return payloadFormatIndicator;
    }

    /** Message Expiry Interval in seconds (0x02), or null when absent. */
    public Long messageExpiryInterval() {
        return messageExpiryInterval;
    }

    /** Content Type (0x03), or null when absent. */
    public String contentType() {
        return contentType;
    }

    /** Response Topic (0x08), or null when absent. */
    public String responseTopic() {
        return responseTopic;
    }

    /** Correlation Data (0x09), or null; returns a copy. */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /** Subscription Identifiers (one in SUBSCRIBE, one or more in PUBLISH) (0x0B); empty when absent. */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    /** Session Expiry Interval in seconds (0x11), or null when absent. */
    public Long sessionExpiryInterval() {
        return sessionExpiryInterval;
    }

    /** Assigned Client Identifier (0x12), or null when absent. */
    public String assignedClientIdentifier() {
        return assignedClientIdentifier;
    }

    /** Server Keep Alive in seconds (0x13), or null when absent. */
    public Integer serverKeepAlive() {
        return serverKeepAlive;
    }

    /** Authentication Method (0x15), or null when absent. */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /** Authentication Data (0x16), or null; returns a copy. */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    /** Request Problem Information (0 or 1) (0x17), or null when absent. */
    public Integer requestProblemInformation() {
        return requestProblemInformation;
    }

    /** Will Delay Interval in seconds (0x18), or null when absent. */
    public Long willDelayInterval() {
        return willDelayInterval;
    }

    /** Request Response Information (0 or 1) (0x19), or null when absent. */
    public Integer requestResponseInformation() {
        return requestResponseInformation;
    }

    /** Response Information (0x1A), or null when absent. */
    public String responseInformation() {
        return responseInformation;
    }

    /** Server Reference (0x1C), or null when absent. */
    public String serverReference() {
        return serverReference;
    }

    /** Reason String (0x1F), or null when absent. */
    public String reasonString() {
        return reasonString;
    }

    /** Receive Maximum (1..65535) (0x21), or null when absent. */
    public Integer receiveMaximum() {
        return receiveMaximum;
    }

    /** Topic Alias Maximum (0x22), or null when absent. */
    public Integer topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /** Topic Alias (1..65535) (0x23), or null when absent. */
    public Integer topicAlias() {
        return topicAlias;
    }

    /** Maximum QoS (0 or 1) (0x24), or null when absent. */
    public Integer maximumQos() {
        return maximumQos;
    }

    /** Retain Available (0 or 1) (0x25), or null when absent. */
    public Integer retainAvailable() {
        return retainAvailable;
    }

    /** User Properties, in order, names may repeat (0x26); empty when absent. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** Maximum Packet Size in bytes (0x27), or null when absent. */
    public Long maximumPacketSize() {
        return maximumPacketSize;
    }

    /** Wildcard Subscription Available (0 or 1) (0x28), or null when absent. */
    public Integer wildcardSubscriptionAvailable() {
        return wildcardSubscriptionAvailable;
    }

    /** Subscription Identifier Available (0 or 1) (0x29), or null when absent. */
    public Integer subscriptionIdentifierAvailable() {
        return subscriptionIdentifierAvailable;
    }

    /** Shared Subscription Available (0 or 1) (0x2A), or null when absent. */
    public Integer sharedSubscriptionAvailable() {
        return sharedSubscriptionAvailable;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Properties o)) {
            return false;
        }
        return Objects.equals(payloadFormatIndicator, o.payloadFormatIndicator)
                && Objects.equals(messageExpiryInterval, o.messageExpiryInterval)
                && Objects.equals(contentType, o.contentType)
                && Objects.equals(responseTopic, o.responseTopic)
                && Arrays.equals(correlationData, o.correlationData)
                && Objects.equals(subscriptionIdentifiers, o.subscriptionIdentifiers)
                && Objects.equals(sessionExpiryInterval, o.sessionExpiryInterval)
                && Objects.equals(assignedClientIdentifier, o.assignedClientIdentifier)
                && Objects.equals(serverKeepAlive, o.serverKeepAlive)
                && Objects.equals(authenticationMethod, o.authenticationMethod)
                && Arrays.equals(authenticationData, o.authenticationData)
                && Objects.equals(requestProblemInformation, o.requestProblemInformation)
                && Objects.equals(willDelayInterval, o.willDelayInterval)
                && Objects.equals(requestResponseInformation, o.requestResponseInformation)
                && Objects.equals(responseInformation, o.responseInformation)
                && Objects.equals(serverReference, o.serverReference)
                && Objects.equals(reasonString, o.reasonString)
                && Objects.equals(receiveMaximum, o.receiveMaximum)
                && Objects.equals(topicAliasMaximum, o.topicAliasMaximum)
                && Objects.equals(topicAlias, o.topicAlias)
                && Objects.equals(maximumQos, o.maximumQos)
                && Objects.equals(retainAvailable, o.retainAvailable)
                && Objects.equals(userProperties, o.userProperties)
                && Objects.equals(maximumPacketSize, o.maximumPacketSize)
                && Objects.equals(wildcardSubscriptionAvailable, o.wildcardSubscriptionAvailable)
                && Objects.equals(subscriptionIdentifierAvailable, o.subscriptionIdentifierAvailable)
                && Objects.equals(sharedSubscriptionAvailable, o.sharedSubscriptionAvailable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                payloadFormatIndicator,
                messageExpiryInterval,
                contentType,
                responseTopic,
                Arrays.hashCode(correlationData),
                subscriptionIdentifiers,
                sessionExpiryInterval,
                assignedClientIdentifier,
                serverKeepAlive,
                authenticationMethod,
                Arrays.hashCode(authenticationData),
                requestProblemInformation,
                willDelayInterval,
                requestResponseInformation,
                responseInformation,
                serverReference,
                reasonString,
                receiveMaximum,
                topicAliasMaximum,
                topicAlias,
                maximumQos,
                retainAvailable,
                userProperties,
                maximumPacketSize,
                wildcardSubscriptionAvailable,
                subscriptionIdentifierAvailable,
                sharedSubscriptionAvailable);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Properties[");
        if (payloadFormatIndicator != null) {
            s.append("payloadFormatIndicator=").append(payloadFormatIndicator).append(", ");
        }
        if (messageExpiryInterval != null) {
            s.append("messageExpiryInterval=").append(messageExpiryInterval).append(", ");
        }
        if (contentType != null) {
            s.append("contentType=").append(contentType).append(", ");
        }
        if (responseTopic != null) {
            s.append("responseTopic=").append(responseTopic).append(", ");
        }
        if (correlationData != null) {
            s.append("correlationData=").append(correlationData.length).append(" bytes, ");
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            s.append("subscriptionIdentifiers=").append(subscriptionIdentifiers).append(", ");
        }
        if (sessionExpiryInterval != null) {
            s.append("sessionExpiryInterval=").append(sessionExpiryInterval).append(", ");
        }
        if (assignedClientIdentifier != null) {
            s.append("assignedClientIdentifier=")
                    .append(assignedClientIdentifier)
                    .append(", ");
        }
        if (serverKeepAlive != null) {
            s.append("serverKeepAlive=").append(serverKeepAlive).append(", ");
        }
        if (authenticationMethod != null) {
            s.append("authenticationMethod=").append(authenticationMethod).append(", ");
        }
        if (authenticationData != null) {
            s.append("authenticationData=").append(authenticationData.length).append(" bytes, ");
        }
        if (requestProblemInformation != null) {
            s.append("requestProblemInformation=")
                    .append(requestProblemInformation)
                    .append(", ");
        }
        if (willDelayInterval != null) {
            s.append("willDelayInterval=").append(willDelayInterval).append(", ");
        }
        if (requestResponseInformation != null) {
            s.append("requestResponseInformation=")
                    .append(requestResponseInformation)
                    .append(", ");
        }
        if (responseInformation != null) {
            s.append("responseInformation=").append(responseInformation).append(", ");
        }
        if (serverReference != null) {
            s.append("serverReference=").append(serverReference).append(", ");
        }
        if (reasonString != null) {
            s.append("reasonString=").append(reasonString).append(", ");
        }
        if (receiveMaximum != null) {
            s.append("receiveMaximum=").append(receiveMaximum).append(", ");
        }
        if (topicAliasMaximum != null) {
            s.append("topicAliasMaximum=").append(topicAliasMaximum).append(", ");
        }
        if (topicAlias != null) {
            s.append("topicAlias=").append(topicAlias).append(", ");
        }
        if (maximumQos != null) {
            s.append("maximumQos=").append(maximumQos).append(", ");
        }
        if (retainAvailable != null) {
            s.append("retainAvailable=").append(retainAvailable).append(", ");
        }
        if (!userProperties.isEmpty()) {
            s.append("userProperties=").append(userProperties).append(", ");
        }
        if (maximumPacketSize != null) {
            s.append("maximumPacketSize=").append(maximumPacketSize).append(", ");
        }
        if (wildcardSubscriptionAvailable != null) {
            s.append("wildcardSubscriptionAvailable=")
                    .append(wildcardSubscriptionAvailable)
                    .append(", ");
        }
        if (subscriptionIdentifierAvailable != null) {
            s.append("subscriptionIdentifierAvailable=")
                    .append(subscriptionIdentifierAvailable)
                    .append(", ");
        }
        if (sharedSubscriptionAvailable != null) {
            s.append("sharedSubscriptionAvailable=")
                    .append(sharedSubscriptionAvailable)
                    .append(", ");
        }
        if (s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 2);
        }
        return s.append(']').toString();
    }

    /** Collects property values; not thread-safe. */
    public static final class Builder {
        private Integer payloadFormatIndicator;
        private Long messageExpiryInterval;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private List<Integer> subscriptionIdentifiers;
        private Long sessionExpiryInterval;
        private String assignedClientIdentifier;
        private Integer serverKeepAlive;
        private String authenticationMethod;
        private byte[] authenticationData;
        private Integer requestProblemInformation;
        private Long willDelayInterval;
        private Integer requestResponseInformation;
        private String responseInformation;
        private String serverReference;
        private String reasonString;
        private Integer receiveMaximum;
        private Integer topicAliasMaximum;
        private Integer topicAlias;
        private Integer maximumQos;
        private Integer retainAvailable;
        private List<UserProperty> userProperties;
        private Long maximumPacketSize;
        private Integer wildcardSubscriptionAvailable;
        private Integer subscriptionIdentifierAvailable;
        private Integer sharedSubscriptionAvailable;

        private Builder() {}

        /** Payload Format Indicator: 0 unspecified bytes, 1 UTF-8 (0x01); null removes it. */
        public Builder payloadFormatIndicator(Integer value) {
            payloadFormatIndicator = value;
            return this;
        }

        /** Message Expiry Interval in seconds (0x02); null removes it. */
        public Builder messageExpiryInterval(Long value) {
            messageExpiryInterval = value;
            return this;
        }

        /** Content Type (0x03); null removes it. */
        public Builder contentType(String value) {
            contentType = value;
            return this;
        }

        /** Response Topic (0x08); null removes it. */
        public Builder responseTopic(String value) {
            responseTopic = value;
            return this;
        }

        /** Correlation Data (0x09); null removes it. */
        public Builder correlationData(byte[] value) {
            correlationData = value;
            return this;
        }

        /** Adds one Subscription Identifiers (one in SUBSCRIBE, one or more in PUBLISH) (0x0B). */
        public Builder addSubscriptionIdentifier(int value) {
            if (subscriptionIdentifiers == null) {
                subscriptionIdentifiers = new ArrayList<>();
            }
            subscriptionIdentifiers.add(value);
            return this;
        }

        /** Replaces the Subscription Identifiers (one in SUBSCRIBE, one or more in PUBLISH) (0x0B). */
        public Builder subscriptionIdentifiers(List<Integer> values) {
            subscriptionIdentifiers = values == null || values.isEmpty() ? null : new ArrayList<>(values);
            return this;
        }

        /** Session Expiry Interval in seconds (0x11); null removes it. */
        public Builder sessionExpiryInterval(Long value) {
            sessionExpiryInterval = value;
            return this;
        }

        /** Assigned Client Identifier (0x12); null removes it. */
        public Builder assignedClientIdentifier(String value) {
            assignedClientIdentifier = value;
            return this;
        }

        /** Server Keep Alive in seconds (0x13); null removes it. */
        public Builder serverKeepAlive(Integer value) {
            serverKeepAlive = value;
            return this;
        }

        /** Authentication Method (0x15); null removes it. */
        public Builder authenticationMethod(String value) {
            authenticationMethod = value;
            return this;
        }

        /** Authentication Data (0x16); null removes it. */
        public Builder authenticationData(byte[] value) {
            authenticationData = value;
            return this;
        }

        /** Request Problem Information (0 or 1) (0x17); null removes it. */
        public Builder requestProblemInformation(Integer value) {
            requestProblemInformation = value;
            return this;
        }

        /** Will Delay Interval in seconds (0x18); null removes it. */
        public Builder willDelayInterval(Long value) {
            willDelayInterval = value;
            return this;
        }

        /** Request Response Information (0 or 1) (0x19); null removes it. */
        public Builder requestResponseInformation(Integer value) {
            requestResponseInformation = value;
            return this;
        }

        /** Response Information (0x1A); null removes it. */
        public Builder responseInformation(String value) {
            responseInformation = value;
            return this;
        }

        /** Server Reference (0x1C); null removes it. */
        public Builder serverReference(String value) {
            serverReference = value;
            return this;
        }

        /** Reason String (0x1F); null removes it. */
        public Builder reasonString(String value) {
            reasonString = value;
            return this;
        }

        /** Receive Maximum (1..65535) (0x21); null removes it. */
        public Builder receiveMaximum(Integer value) {
            receiveMaximum = value;
            return this;
        }

        /** Topic Alias Maximum (0x22); null removes it. */
        public Builder topicAliasMaximum(Integer value) {
            topicAliasMaximum = value;
            return this;
        }

        /** Topic Alias (1..65535) (0x23); null removes it. */
        public Builder topicAlias(Integer value) {
            topicAlias = value;
            return this;
        }

        /** Maximum QoS (0 or 1) (0x24); null removes it. */
        public Builder maximumQos(Integer value) {
            maximumQos = value;
            return this;
        }

        /** Retain Available (0 or 1) (0x25); null removes it. */
        public Builder retainAvailable(Integer value) {
            retainAvailable = value;
            return this;
        }

        /** Appends one User Property (0x26). */
        public Builder addUserProperty(String name, String value) {
            if (userProperties == null) {
                userProperties = new ArrayList<>();
            }
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Replaces the User Properties, in order, names may repeat (0x26). */
        public Builder userProperties(List<UserProperty> values) {
            userProperties = values == null || values.isEmpty() ? null : new ArrayList<>(values);
            return this;
        }

        /** Maximum Packet Size in bytes (0x27); null removes it. */
        public Builder maximumPacketSize(Long value) {
            maximumPacketSize = value;
            return this;
        }

        /** Wildcard Subscription Available (0 or 1) (0x28); null removes it. */
        public Builder wildcardSubscriptionAvailable(Integer value) {
            wildcardSubscriptionAvailable = value;
            return this;
        }

        /** Subscription Identifier Available (0 or 1) (0x29); null removes it. */
        public Builder subscriptionIdentifierAvailable(Integer value) {
            subscriptionIdentifierAvailable = value;
            return this;
        }

        /** Shared Subscription Available (0 or 1) (0x2A); null removes it. */
        public Builder sharedSubscriptionAvailable(Integer value) {
            sharedSubscriptionAvailable = value;
            return this;
        }

        public Properties build() {
            return new Properties(this);
        }
    }
}
