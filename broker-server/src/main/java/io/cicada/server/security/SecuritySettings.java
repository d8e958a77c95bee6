package io.cicada.server.security;

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
 */
public record SecuritySettings(
        Map<String, TlsSettings> tls,
        Path passwordFile,
        Path aclFile,
        boolean anonymousConfirmed,
        Duration reloadCheckInterval) {

    /** Default interval between checks of the security files for changes. */
    public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(5);

    public SecuritySettings {
        tls = Map.copyOf(tls);
        Objects.requireNonNull(reloadCheckInterval, "reloadCheckInterval");
        if (reloadCheckInterval.isNegative()) {
            throw new IllegalArgumentException("reloadCheckInterval must not be negative");
        }
    }

    /** No TLS, no password or ACL file, the secure default for anonymous clients. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(Map.of(), null, null, false, DEFAULT_RELOAD_CHECK_INTERVAL);
    }

    public SecuritySettings withTls(String listenerName, TlsSettings settings) {
        Map<String, TlsSettings> copy = new java.util.LinkedHashMap<>(tls);
        copy.put(listenerName, settings);
        return new SecuritySettings(copy, passwordFile, aclFile, anonymousConfirmed, reloadCheckInterval);
    }

    public SecuritySettings withPasswordFile(Path file) {
        return new SecuritySettings(tls, file, aclFile, anonymousConfirmed, reloadCheckInterval);
    }

    public SecuritySettings withAclFile(Path file) {
        return new SecuritySettings(tls, passwordFile, file, anonymousConfirmed, reloadCheckInterval);
    }

    /** Anonymous access as set explicitly, also on listeners reachable from other hosts. */
    public SecuritySettings withAnonymousConfirmed(boolean confirmed) {
        return new SecuritySettings(tls, passwordFile, aclFile, confirmed, reloadCheckInterval);
    }

    public SecuritySettings withReloadCheckInterval(Duration interval) {
        return new SecuritySettings(tls, passwordFile, aclFile, anonymousConfirmed, interval);
    }

    /** Whether anything authenticates clients (a password file or certificate user names). */
    public boolean hasAuthentication() {
        return passwordFile != null
                || tls.values().stream().anyMatch(t -> t.certificateUsername() != TlsSettings.CertificateUsername.NONE);
    }
}
