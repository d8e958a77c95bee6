package io.cicada.broker.connection;

import io.cicada.mqtt.packet.ReasonCode;

/**
 * Where the broker sends its MQTT 5 clients instead of serving them (server redirection, §4.11): while set, every
 * CONNECT is refused with 0x9C Use another server (or 0x9D Server moved, when permanent) and a Server Reference, and
 * MQTT 3.x clients get return code 3 (server unavailable). Thread-safe: set from any thread (configuration, a planned
 * drain), read by every event loop.
 */
public final class Redirection {
    /**
     * A redirection target.
     *
     * @param serverReference the Server Reference sent to clients (e.g. {@code other-host:1883}), never null
     * @param permanent true for 0x9D Server moved, false for 0x9C Use another server
     */
    public record Target(String serverReference, boolean permanent) {
        public int reasonCode() {
            return permanent ? ReasonCode.SERVER_MOVED : ReasonCode.USE_ANOTHER_SERVER;
        }
    }

    private volatile Target target;

    /** @param initial the target from the configuration, or null to serve clients */
    public Redirection(Target initial) {
        this.target = initial;
    }

    /** The current target, or null when the broker serves clients itself. */
    public Target current() {
        return target;
    }

    /** Starts (or, with null, ends) redirecting new connections. */
    public void set(Target newTarget) {
        this.target = newTarget;
    }
}
