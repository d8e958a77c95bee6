package io.cicada.broker.session;

import java.util.function.IntPredicate;

/**
 * Hands out the packet identifiers of outbound QoS 1/2 PUBLISHes: 1..65535, round robin, skipping those still in use
 * so that no two in-flight messages share one [MQTT-2.2.1-3] ([MQTT-2.3.1-2] in 3.1.1). Touched only on the session's
 * owner executor.
 */
final class PacketIds {
    private static final int MAX = 65_535;

    private int next = 1;

    /** The next identifier for which {@code inUse} is false; the caller guarantees fewer than 65535 are in use. */
    int allocate(IntPredicate inUse) {
        for (int tries = 0; tries < MAX; tries++) {
            int candidate = next;
            next = next == MAX ? 1 : next + 1;
            if (!inUse.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("all 65535 packet identifiers are in use");
    }
}
