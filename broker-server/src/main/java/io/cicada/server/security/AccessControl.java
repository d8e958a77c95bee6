package io.cicada.server.security;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.AuthorizerChain;
import io.cicada.broker.auth.acl.AclAuthorizer;
import io.cicada.broker.auth.http.HttpAuth;
import io.cicada.broker.auth.jwt.JwtAuthenticator;
import io.cicada.broker.auth.password.PasswordAuthenticator;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.tls.ListenerTls;
import io.cicada.broker.transport.tls.TlsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security part of a running broker, built from {@link SecuritySettings}: each TLS listener's certificates, the
 * authenticator and authorizer the core asks (password file or JWT, ACL file and token claims, the HTTP back end,
 * plugins; every one must accept), the thread pool that
 * hashes passwords and verifies tokens off the event loops, and the
 * watcher that reloads changed files. Created and closed by the composition root; {@link #reload()} may be called
 * from any thread (SIGHUP, an admin call, the file watcher).
 */
public final class AccessControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    /** Password checks waiting for a hashing thread beyond this are refused with Server busy. */
    private static final int HASHING_QUEUE = 10_000;

    private final List<ListenerTls> tls;
    private final PasswordAuthenticator passwords;
    private final AclAuthorizer acl;
    private final JwtAuthenticator jwt;
    private final HttpAuth http;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final ExecutorService hashing;
    private final FileWatcher watcher = new FileWatcher();
    private final boolean refuseAnonymous;

    private AccessControl(SecuritySettings settings, List<ListenerSettings> listeners, BrokerSettings broker) {
        Set<String> names = new HashSet<>();
        listeners.forEach(l -> names.add(l.name()));
        List<ListenerTls> built = new ArrayList<>();
        Set<String> certificateListeners = new HashSet<>();
        for (Map.Entry<String, TlsSettings> entry : settings.tls().entrySet()) {
            if (!names.contains(entry.getKey())) {
                throw new IllegalArgumentException(
                        "TLS is configured for an unknown listener '" + entry.getKey() + "'");
            }
            ListenerTls listenerTls = ListenerTls.create(entry.getKey(), entry.getValue());
            built.add(listenerTls);
            if (listenerTls.certificateIsUsername()) {
                certificateListeners.add(entry.getKey());
            }
            watcher.watch(entry.getValue().watchedFiles(), listenerTls::reload);
        }
        this.tls = List.copyOf(built);
        this.hashing = hashingPool();
        if (settings.passwordFile() != null) {
            passwords = new PasswordAuthenticator(settings.passwordFile(), hashing);
            watcher.watch(List.of(settings.passwordFile()), passwords::reload);
        } else {
            passwords = null;
        }
        if (settings.aclFile() != null) {
            acl = new AclAuthorizer(settings.aclFile());
            watcher.watch(List.of(settings.aclFile()), acl::reload);
        } else {
            acl = null;
        }
        jwt = settings.jwt() == null ? null : new JwtAuthenticator(settings.jwt(), hashing);
        if (jwt != null && settings.jwt().keyFile() != null) {
            watcher.watch(List.of(settings.jwt().keyFile()), jwt::reload);
        }
        this.http = settings.http() == null
                ? null
                : new HttpAuth(
                        settings.http(),
                        jwt != null || passwords != null || Plugins.anyAuthenticator(),
                        jwt != null || acl != null || Plugins.anyAuthorizer());
        Authenticator first = jwt != null ? jwt : passwords != null ? passwords : Authenticator.allowAll();
        if (http != null && http.authenticator() != null) {
            first = Plugins.allAccept(List.of(first, http.authenticator()));
        }
        Authenticator base = Plugins.authenticator(first);
        this.authenticator =
                certificateListeners.isEmpty() ? base : new ListenerAuthenticator(base, certificateListeners);
        List<Authorizer> authorizers = new ArrayList<>();
        if (jwt != null) {
            authorizers.add(jwt.authorizer());
        }
        if (acl != null) {
            authorizers.add(acl);
        }
        if (http != null && http.authorizer() != null) {
            authorizers.add(http.authorizer());
        }
        this.authorizer = Plugins.authorizer(AuthorizerChain.of(authorizers));
        this.refuseAnonymous = broker.allowAnonymous() && !settings.anonymousConfirmed() && anyNonLocal(listeners);
        if (refuseAnonymous) {
            log.warn("a listener is reachable from other hosts and allow_anonymous is not set: anonymous clients are"
                    + " refused (set allow_anonymous: true to allow them, as with Mosquitto 2.0)");
        }
    }

    /**
     * Reads the files and builds the parts.
     *
     * @throws RuntimeException with a one-line message naming the file when a password, ACL or certificate file
     *     cannot be used
     */
    public static AccessControl start(
            SecuritySettings settings, List<ListenerSettings> listeners, BrokerSettings broker) {
        AccessControl control = new AccessControl(settings, listeners, broker);
        control.watcher.start(settings.reloadCheckInterval());
        return control;
    }

    /** The core's settings adjusted for the secure default: no anonymous clients on a reachable listener. */
    public BrokerSettings apply(BrokerSettings broker) {
        return refuseAnonymous ? broker.toBuilder().allowAnonymous(false).build() : broker;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** The TLS of each TLS listener, for the transport. */
    public List<ListenerTls> tlsListeners() {
        return tls;
    }

    /** Reads the password file, the ACL file, the JWT key file and every certificate again (SIGHUP, admin call). */
    public void reload() {
        if (passwords != null) {
            passwords.reload();
        }
        if (acl != null) {
            acl.reload();
        }
        if (jwt != null) {
            jwt.reload();
        }
        tls.forEach(ListenerTls::reload);
    }

    /** Checks the watched files for changes now, instead of at the next poll. */
    public void checkFilesNow() {
        watcher.checkNow();
    }

    @Override
    public void close() {
        watcher.close();
        hashing.shutdownNow();
        if (http != null) {
            http.close();
        }
    }

    private static ExecutorService hashingPool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(HASHING_QUEUE), runnable -> {
                    Thread t = new Thread(runnable, "cicada-password-hashing-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static boolean anyNonLocal(List<ListenerSettings> listeners) {
        for (ListenerSettings listener : listeners) {
            try {
                if (!InetAddress.getByName(listener.host()).isLoopbackAddress()) {
                    return true;
                }
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
