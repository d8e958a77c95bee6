package io.cicada.broker.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides what an authenticated client may publish and subscribe to. Implementations are thread-safe and fast (they
 * are called on event loops for every PUBLISH and SUBSCRIBE), so they must not block.
 *
 * <p>Most authorizers answer from memory and implement only {@link #mayPublish} and {@link #maySubscribe}. One that
 * needs a remote service (the HTTP back end) returns true from {@link #asksRemotely()}: the core then asks
 * {@link #publishVerdict} / {@link #subscribeVerdict} first and, when they answer {@link Verdict#UNKNOWN}, calls
 * {@link #authorizePublish} / {@link #authorizeSubscribe} and holds that client's later packets, in order, until the
 * stage completes. The default methods keep a memory-only authorizer working unchanged, and the core does not call
 * them on its hot path unless some authorizer asks remotely.
 */
public interface Authorizer {

    /** Whether the client may publish to {@code topic}; also asked for the will topic at CONNECT. */
    boolean mayPublish(String clientId, String username, String topic);

    /** Whether the client may subscribe to {@code topicFilter}. */
    boolean maySubscribe(String clientId, String username, String topicFilter);

    /**
     * True when some answers need a remote call ({@link Verdict#UNKNOWN} verdicts); false (the default) for an
     * authorizer that always answers from memory. Constant for the authorizer's life.
     */
    default boolean asksRemotely() {
        return false;
    }

    /** The answer from memory for a PUBLISH, or {@link Verdict#UNKNOWN} when only {@link #authorizePublish} knows. */
    default Verdict publishVerdict(String clientId, String username, String topic, int qos, boolean retain) {
        return Verdict.of(mayPublish(clientId, username, topic));
    }

    /** The answer from memory for one SUBSCRIBE filter, or {@link Verdict#UNKNOWN}. */
    default Verdict subscribeVerdict(String clientId, String username, String topicFilter, int qos) {
        return Verdict.of(maySubscribe(clientId, username, topicFilter));
    }

    /**
     * The answer for a PUBLISH whose verdict was {@link Verdict#UNKNOWN}: completes with true to allow, on any thread,
     * and never blocks the caller (an event loop). A stage that fails counts as a refusal.
     */
    default CompletionStage<Boolean> authorizePublish(
            String clientId, String username, String topic, int qos, boolean retain) {
        return CompletableFuture.completedFuture(
                publishVerdict(clientId, username, topic, qos, retain) == Verdict.ALLOW);
    }

    /** {@link #authorizePublish} for one SUBSCRIBE filter. */
    default CompletionStage<Boolean> authorizeSubscribe(String clientId, String username, String topicFilter, int qos) {
        return CompletableFuture.completedFuture(
                subscribeVerdict(clientId, username, topicFilter, qos) == Verdict.ALLOW);
    }

    /** An answer from memory. */
    enum Verdict {
        ALLOW,
        DENY,
        /** Not in memory: ask the asynchronous method. */
        UNKNOWN;

        public static Verdict of(boolean allowed) {
            return allowed ? ALLOW : DENY;
        }

        /** Both must allow: DENY wins over UNKNOWN, which wins over ALLOW. */
        public Verdict and(Verdict other) {
            if (this == DENY || other == DENY) {
                return DENY;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : ALLOW;
        }
    }

    /** Allows everything. */
    static Authorizer allowAll() {
        return new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return true;
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return true;
            }
        };
    }
}
