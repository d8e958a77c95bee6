package io.cicada.broker;

import java.util.Locale;

/**
 * What the broker does with an online subscriber that stays congested (its backlog above the slow-consumer bound)
 * for longer than the slow-consumer timeout. Either way the event is counted ({@code BrokerStats.slowConsumers()}).
 */
public enum SlowConsumerPolicy {
    /**
     * The subscriber no longer holds its publishers back: QoS 0 messages for it are dropped, and QoS 1/2 messages
     * beyond the bound are dropped, until it catches up (counted as dropped, reason {@code slow_consumer}).
     */
    DROP,
    /**
     * The subscriber is disconnected (MQTT 5: DISCONNECT 0x97 Quota exceeded); a persistent session keeps its
     * queue, within its bounds, as for any offline session.
     */
    DISCONNECT;

    /** The name in the configuration file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy with this configuration name. */
    public static SlowConsumerPolicy parse(String configName) {
        return valueOf(configName.toUpperCase(Locale.ROOT));
    }
}
