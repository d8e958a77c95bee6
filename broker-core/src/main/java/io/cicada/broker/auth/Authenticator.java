package io.cicada.broker.auth;

import io.cicada.mqtt.packet.ReasonCode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a CONNECT's credentials are accepted. Implementations are thread-safe; one that may block (a
 * remote back end) completes the stage on its own thread and never blocks the caller, which is an event loop.
 */
public interface Authenticator {

    /**
     * Completes with {@link ReasonCode#SUCCESS} to accept, or with the MQTT 5 CONNACK reason code that refuses (such
     * as {@link ReasonCode#BAD_USER_NAME_OR_PASSWORD} or {@link ReasonCode#NOT_AUTHORIZED}); the core maps it to the
     * 3.x return code for older clients.
     */
    CompletionStage<Integer> authenticate(ConnectCredentials credentials);

    /**
     * When the credentials {@code clientId} was just accepted with stop being valid (a token's expiry), or null when
     * they never do. Asked on the event loop right after a successful {@link #authenticate}; the core then closes the
     * connection at that instant (MQTT 5: DISCONNECT 0x87 Not authorized first).
     */
    default Instant credentialsExpiry(String clientId) {
        return null;
    }

    /** Accepts everyone (whether anonymous clients are allowed is a separate setting). */
    static Authenticator allowAll() {
        CompletionStage<Integer> accepted = CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        return credentials -> accepted;
    }
}
