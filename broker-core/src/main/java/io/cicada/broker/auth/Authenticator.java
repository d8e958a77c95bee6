package io.cicada.broker.auth;

import io.cicada.mqtt.packet.ReasonCode;
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

    /** Accepts everyone (whether anonymous clients are allowed is a separate setting). */
    static Authenticator allowAll() {
        CompletionStage<Integer> accepted = CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        return credentials -> accepted;
    }
}
