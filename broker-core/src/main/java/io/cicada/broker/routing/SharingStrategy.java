package io.cicada.broker.routing;

import java.util.Locale;

/**
 * How a shared subscription group ({@code $share/{group}/{filter}}) picks the one member that gets a message
 * (§4.8.2). Only online members are candidates while any member is online; when none is, every member is a candidate
 * and the message waits in the chosen member's session queue. Immutable.
 */
public enum SharingStrategy {
    /** The online members in turn; the default. */
    ROUND_ROBIN,
    /** A uniformly random online member. */
    RANDOM,
    /** The member chosen last, as long as it stays online and subscribed; then the next in turn. */
    STICKY,
    /** The online member with the fewest messages in flight or queued (ties: the first). */
    LEAST_INFLIGHT;

    /** Parses the configuration spelling ({@code round_robin}, {@code random}, {@code sticky}, {@code least_inflight}). */
    public static SharingStrategy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The configuration spelling. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
