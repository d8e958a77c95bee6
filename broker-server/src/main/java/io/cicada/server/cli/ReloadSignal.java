package io.cicada.server.cli;

import io.cicada.server.Broker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the password file, the ACL file and the TLS certificates of a running {@code cicada broker}, as it
 * does for Mosquitto. The JVM runs the handler on its own signal thread; {@link Broker#reloadSecurity()} is
 * thread-safe. Where the platform has no SIGHUP (Windows) nothing is installed.
 */
final class ReloadSignal {

    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {}

    /** Installs the SIGHUP handler for {@code broker}. */
    static void install(Broker broker) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                log.info("SIGHUP: reloading the password file, the ACL file and the TLS certificates");
                try {
                    broker.reloadSecurity();
                } catch (RuntimeException e) {
                    log.warn("reload after SIGHUP failed", e);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.debug("no SIGHUP on this platform: {}", e.getMessage());
        }
    }
}
