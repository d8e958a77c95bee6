package io.cicada.broker.limit;

/**
 * Each limit the broker enforces, with the configuration key that sets it and the name it is counted under in the
 * metrics ({@code cicada_limit_hits_total{limit="..."}}) and in {@code $SYS/broker/limits/<name>/hits}. Immutable.
 */
public enum Limit {
    /** Open connections, per listener or in all; counted per connection closed at once. */
    CONNECTIONS("connections", "max_connections"),
    /** New connections a second on a listener; counted per connection closed at once. */
    CONNECT_RATE("connect_rate", "max_connect_rate"),
    /** PUBLISH packets a second from one client; counted per pause, or per message refused. */
    PUBLISH_RATE("publish_rate", "max_publish_rate"),
    /** PUBLISH payload bytes a second from one client; counted per pause, or per message refused. */
    PUBLISH_BYTES_RATE("publish_bytes_rate", "max_publish_bytes_rate"),
    /** Subscriptions one client may hold; counted per topic filter refused. */
    SUBSCRIPTIONS("subscriptions", "max_subscriptions_per_client"),
    /** Levels of a topic name or filter; counted per PUBLISH or topic filter refused. */
    TOPIC_LEVELS("topic_levels", "max_topic_levels"),
    /** UTF-8 bytes of a topic name or filter; counted per PUBLISH or topic filter refused. */
    TOPIC_LENGTH("topic_length", "max_topic_length");

    private final String metricName;
    private final String configKey;

    Limit(String metricName, String configKey) {
        this.metricName = metricName;
        this.configKey = configKey;
    }

    /** The label value in the metrics and the {@code $SYS} topic level, such as {@code publish_rate}. */
    public String metricName() {
        return metricName;
    }

    /** The configuration key that sets the limit, such as {@code max_publish_rate}, for log lines. */
    public String configKey() {
        return configKey;
    }
}
