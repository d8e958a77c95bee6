package io.cicada.broker.limit;

/** What happens to a client that publishes faster than its {@link ClientLimits} allow. */
public enum RatePolicy {
    /**
     * Stop reading from the client's socket until its token buckets have refilled: nothing is lost, TCP flow control
     * slows the client down, and it works the same for MQTT 3.1.1 and 5. The default.
     */
    PAUSE,
    /**
     * Refuse what is over the rate: QoS 0 is dropped, QoS 1 and 2 are answered with PUBACK / PUBREC 0x97 Quota exceeded
     * (MQTT 5); an MQTT 3.x client, which has no refusal code, gets the normal acknowledgement and the message is
     * dropped, as for a publish the ACL denies.
     */
    REFUSE;

    /** The configuration value: {@code pause} or {@code refuse}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
