package io.cicada.mqtt.packet;

/**
 * One topic filter of a SUBSCRIBE with its subscription options. For MQTT 3.1 / 3.1.1 only {@code topicFilter} and
 * {@code qos} come from the wire; the MQTT 5 options are then false / false / 0.
 *
 * @param retainHandling 0 = send retained messages at subscribe, 1 = only if the subscription is new, 2 = never
 */
public record Subscription(
        String topicFilter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    /** A subscription with the default options of MQTT 3.1.1. */
    public static Subscription of(String topicFilter, int qos) {
        return new Subscription(topicFilter, qos, false, false, 0);
    }
}
