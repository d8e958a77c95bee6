package io.cicada.server.security;

import io.cicada.broker.auth.http.HttpAuthSettings;
import io.cicada.broker.auth.jwt.JwtSettings;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.broker.transport.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the broker authenticates and authorizes clients and encrypts listeners. Immutable.
 *
 * @param tls TLS settings by listener name; a listener not named here is plain TCP
 * @param passwordFile a Mosquitto password file, or null
 * @param aclFile a Mosquitto ACL file, or null (then every authenticated client may do everything)
 * @param anonymousConfirmed true when {@code allow_anonymous} was set explicitly: only then may anonymous clients
 *     connect through a listener that is reachable from other hosts (Mosquitto 2.0's secure default)
 * @param reloadCheckInterval how often the password, ACL and certificate files are checked for changes; zero never
 * @param connectionLimits caps on open connections, in all and per listener
 * @param jwt JSON Web Token authentication (the token in the CONNECT password, its claims authorizing), or null
 * @param http the HTTP authentication and authorization back end, or null
 */
public record SecuritySettings(
        Map<String, TlsSettings> tls,
        Path passwordFile,
        Path aclFile,
        boolean anonymousConfirmed,
        Duration reloadCheckInterval,
        ConnectionLimits connectionLimits,
        JwtSettings jwt,
        HttpAuthSettings http) {

    /** Without the HTTP back end. */
    public SecuritySettings(
            Map<String, TlsSettings> tls,
            Path passwordFile,
            Path aclFile,
            boolean anonymousConfirmed,
            Duration reloadCheckInterval,
            ConnectionLimits connectionLimits,
            JwtSettings jwt) {
        this(tls, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, jwt, null);
    }

    /** Without JWT authentication. */
    public SecuritySettings(
            Map<String, TlsSettings> tls,
            Path passwordFile,
            Path aclFile,
            boolean anonymousConfirmed,
            Duration reloadCheckInterval,
            ConnectionLimits connectionLimits) {
        this(tls, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, null);
    }

    /** Default interval between checks of the security files for changes. */
    public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(5);

    public SecuritySettings {
        tls = Map.copyOf(tls);
        Objects.requireNonNull(reloadCheckInterval, "reloadCheckInterval");
        Objects.requireNonNull(connectionLimits, "connectionLimits");
        if (reloadCheckInterval.isNegative()) {
            throw new IllegalArgumentException("reloadCheckInterval must not be negative");
        }
        if (jwt != null && passwordFile != null) {
            throw new IllegalArgumentException("password_file and JWT authentication cannot be used together");
        }
    }

    /** No TLS, no password or ACL file, the secure default for anonymous clients. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(
                Map.of(), null, null, false, DEFAULT_RELOAD_CHECK_INTERVAL, ConnectionLimits.none());
    }

    public SecuritySettings withTls(String listenerName, TlsSettings settings) {
        Map<String, TlsSettings> copy = new java.util.LinkedHashMap<>(tls);
        copy.put(listenerName, settings);
        return new SecuritySettings(
                copy, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, jwt, http);
    }

    public SecuritySettings withPasswordFile(Path file) {
        return new SecuritySettings(
                tls, file, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, jwt, http);
    }

    public SecuritySettings withAclFile(Path file) {
        return new SecuritySettings(
                tls, passwordFile, file, anonymousConfirmed, reloadCheckInterval, connectionLimits, jwt, http);
    }

    /** Anonymous access as set explicitly, also on listeners reachable from other hosts. */
    public SecuritySettings withAnonymousConfirmed(boolean confirmed) {
        return new SecuritySettings(
                tls, passwordFile, aclFile, confirmed, reloadCheckInterval, connectionLimits, jwt, http);
    }

    public SecuritySettings withReloadCheckInterval(Duration interval) {
        return new SecuritySettings(
                tls, passwordFile, aclFile, anonymousConfirmed, interval, connectionLimits, jwt, http);
    }

    public SecuritySettings withConnectionLimits(ConnectionLimits limits) {
        return new SecuritySettings(
                tls, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, limits, jwt, http);
    }

    public SecuritySettings withJwt(JwtSettings settings) {
        return new SecuritySettings(
                tls, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, settings, http);
    }

    /** The HTTP back end (authentication and/or authorization URL), or null to use none. */
    public SecuritySettings withHttp(HttpAuthSettings settings) {
        return new SecuritySettings(
                tls, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval, connectionLimits, jwt, settings);
    }

    /** Whether anything authenticates clients (a password file, JWT, the HTTP back end or certificate user names). */
    public boolean hasAuthentication() {
        return passwordFile != null
                || jwt != null
                || (http != null && http.authenticationUrl() != null)
                || tls.values().stream().anyMatch(t -> t.certificateUsername() != TlsSettings.CertificateUsername.NONE);
    }
}
