package io.cicada.broker.persistence;

import java.util.Locale;

/**
 * When a group commit counts as done, and so when the broker acknowledges a QoS 1/2 PUBLISH, and what a crash can
 * lose. Immutable.
 */
public enum SyncPolicy {
    /** Acknowledge after the commit is fsynced: neither kill -9 nor a power loss loses an acknowledged message. */
    ALWAYS,
    /**
     * Acknowledge after the commit is written to the operating system; fsync every {@code sync_interval}: kill -9 loses
     * nothing acknowledged, a power loss or kernel crash up to one sync interval.
     */
    BATCH,
    /**
     * Acknowledge at once, as the in-memory broker does, and write in the background without fsync: kill -9 loses what
     * was not yet written (normally a few milliseconds), a power loss whatever the operating system had not flushed.
     */
    NONE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
