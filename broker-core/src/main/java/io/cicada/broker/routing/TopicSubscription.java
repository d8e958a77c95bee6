package io.cicada.broker.routing;

import io.cicada.mqtt.packet.Subscription;

/**
 * One subscription held in the {@link TopicTree}: who subscribed, to which filter, with which options. Immutable and
 * thread-safe.
 *
 * @param subscriber the subscribing session; compared by identity
 * @param topicFilter the topic filter exactly as subscribed (wildcards included)
 * @param options the subscription options from the SUBSCRIBE packet
 * @param subscriptionIdentifier the MQTT 5 Subscription Identifier, or 0 for none
 */
public record TopicSubscription(
        Subscriber subscriber, String topicFilter, Subscription options, int subscriptionIdentifier) {}
