package io.cicada.broker.message;

import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;

/**
 * One application message as the broker routes, retains and queues it: immutable and shared by every recipient, so
 * the payload is held once. Thread-safe.
 *
 * @param qos the QoS it was published with (each delivery uses the lower of this and the subscription's QoS)
 * @param retain the RETAIN flag as published
 * @param properties the message's MQTT 5 properties that travel with it (Payload Format Indicator, Message Expiry
 *     Interval, Content Type, Response Topic, Correlation Data, User Properties); never a Topic Alias or Subscription
 *     Identifier, which belong to one hop
 * @param senderClientId the publishing client's id (for No Local), or null for messages the broker makes
 * @param receivedAtMillis wall-clock time the broker received it, for message expiry
 */
public record Message(
        String topic,
        int qos,
        boolean retain,
        Payload payload,
        Properties properties,
        String senderClientId,
        long receivedAtMillis) {}
