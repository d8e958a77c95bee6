package io.cicada.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mosquitto 2.0's secure default for anonymous clients, and start-up errors that name the bad file. */
class AccessControlTest {

    private static final BrokerSettings ANONYMOUS =
            BrokerSettings.builder().allowAnonymous(true).build();

    private static boolean anonymousAllowed(SecuritySettings settings, String host) {
        try (AccessControl control =
                AccessControl.start(settings, List.of(ListenerSettings.tcp("tcp", host, 0)), ANONYMOUS)) {
            return control.apply(ANONYMOUS).allowAnonymous();
        }
    }

    @Test
    void loopbackListenerKeepsAnonymousClients() {
        assertThat(anonymousAllowed(SecuritySettings.defaults(), "127.0.0.1")).isTrue();
        assertThat(anonymousAllowed(SecuritySettings.defaults(), "::1")).isTrue();
    }

    @Test
    void reachableListenerRefusesAnonymousUnlessConfirmed() {
        assertThat(anonymousAllowed(SecuritySettings.defaults(), "0.0.0.0")).isFalse();
        assertThat(anonymousAllowed(SecuritySettings.defaults().withAnonymousConfirmed(true), "0.0.0.0"))
                .isTrue();
    }

    @Test
    void changedAclFileIsPickedUpByTheWatcher(@TempDir Path dir) throws Exception {
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "topic readwrite a/#\n");
        SecuritySettings settings = SecuritySettings.defaults().withAclFile(acl).withReloadCheckInterval(Duration.ZERO);
        try (AccessControl control =
                AccessControl.start(settings, List.of(ListenerSettings.tcp("tcp", "127.0.0.1", 0)), ANONYMOUS)) {
            assertThat(control.authorizer().mayPublish("c", null, "a/b")).isTrue();

            Files.writeString(acl, "topic readwrite other/#\n");
            control.checkFilesNow();

            assertThat(control.authorizer().mayPublish("c", null, "a/b")).isFalse();
            assertThat(control.authorizer().mayPublish("c", null, "other/b")).isTrue();
        }
    }

    @Test
    void missingFilesStopStartUpNamingTheFile() {
        List<ListenerSettings> listeners = List.of(ListenerSettings.tcp("tcp", "127.0.0.1", 0));
        assertThatThrownBy(() -> AccessControl.start(
                        SecuritySettings.defaults().withPasswordFile(Path.of("/nonexistent/passwd")),
                        listeners,
                        ANONYMOUS))
                .hasMessageContaining("/nonexistent/passwd");
        assertThatThrownBy(() -> AccessControl.start(
                        SecuritySettings.defaults().withAclFile(Path.of("/nonexistent/acl")), listeners, ANONYMOUS))
                .hasMessageContaining("/nonexistent/acl");
        TlsSettings tls = TlsSettings.pem(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"));
        assertThatThrownBy(() ->
                        AccessControl.start(SecuritySettings.defaults().withTls("tcp", tls), listeners, ANONYMOUS))
                .hasMessageContaining("certfile /nonexistent/cert.pem does not exist");
        assertThatThrownBy(() ->
                        AccessControl.start(SecuritySettings.defaults().withTls("other", tls), listeners, ANONYMOUS))
                .hasMessageContaining("unknown listener 'other'");
    }
}
