package io.cicada.broker.auth.http;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;

/**
 * The HTTP back end of a running broker: its HTTP client and threads, and the authenticator and authorizer built on
 * them (each only when its URL is set). Created at start-up and closed at shutdown by the composition root; the parts
 * are thread-safe.
 */
public final class HttpAuth implements AutoCloseable {

    private final HttpDecisions decisions;
    private final HttpAuthenticator authenticator;
    private final HttpAuthorizer authorizer;

    /**
     * @param otherAuthenticators whether another back end authenticates too (password file, JWT, plugins): then an
     *     abstention ({@code ignore}, or a failure with the {@code next} policy) leaves the CONNECT to it; otherwise
     *     an abstention refuses
     * @param otherAuthorizers the same for PUBLISH and SUBSCRIBE (ACL file, token claims, plugins)
     */
    public HttpAuth(HttpAuthSettings settings, boolean otherAuthenticators, boolean otherAuthorizers) {
        this.decisions = new HttpDecisions(settings);
        this.authenticator = settings.authenticationUrl() == null
                ? null
                : new HttpAuthenticator(decisions, settings, otherAuthenticators);
        this.authorizer = settings.authorizationUrl() == null
                ? null
                : new HttpAuthorizer(decisions, settings, otherAuthorizers, authenticator);
    }

    /** The authenticator, or null when no authentication URL is set. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The authorizer, or null when no authorization URL is set. */
    public Authorizer authorizer() {
        return authorizer;
    }

    @Override
    public void close() {
        decisions.close();
    }
}
