package io.cicada.server.security;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends a CONNECT to the configured authenticator, except on listeners where the verified client certificate is the
 * user name: there the TLS handshake already authenticated the client, as with Mosquitto's
 * {@code use_identity_as_username}. Immutable; called on event loops.
 */
final class ListenerAuthenticator implements Authenticator {

    private static final CompletionStage<Integer> ACCEPTED = CompletableFuture.completedFuture(ReasonCode.SUCCESS);

    private final Authenticator delegate;
    private final Set<String> certificateListeners;

    ListenerAuthenticator(Authenticator delegate, Set<String> certificateListeners) {
        this.delegate = delegate;
        this.certificateListeners = Set.copyOf(certificateListeners);
    }

    @Override
    public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
        if (certificateListeners.contains(credentials.listenerName())) {
            return ACCEPTED;
        }
        return delegate.authenticate(credentials);
    }

    @Override
    public Instant credentialsExpiry(String clientId) {
        return delegate.credentialsExpiry(clientId);
    }
}
