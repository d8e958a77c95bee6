package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.broker.transport.tls.TlsSettings.CertificateUsername;
import io.cicada.broker.transport.tls.TlsSettings.ClientCertificates;
import io.cicada.server.security.SecuritySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security keys of cicada.yaml: TLS listener keys, password and ACL files, anonymous access, reload interval. */
class SecurityConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws Exception {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    @Test
    void tlsListenerKeysAndSecurityFilesAreRead() throws Exception {
        ServerConfig config = load("""
                listeners:
                  - name: tcp
                    port: 1883
                  - name: tls
                    host: 0.0.0.0
                    port: 8883
                    certfile: /etc/cicada/server.pem
                    keyfile: /etc/cicada/server.key
                    cafile: /etc/cicada/ca.pem
                    require_certificate: true
                    use_identity_as_username: true
                    crlfile: /etc/cicada/crl.pem
                    tls_version: tlsv1.3
                    tls_provider: jdk
                password_file: /etc/cicada/passwd
                acl_file: /etc/cicada/acl
                allow_anonymous_remote: true
                security_reload_interval: 0
                """);

        SecuritySettings security = config.security();
        assertThat(security.tls()).containsOnlyKeys("tls");
        TlsSettings tls = security.tls().get("tls");
        assertThat(tls.certFile()).isEqualTo(Path.of("/etc/cicada/server.pem"));
        assertThat(tls.clientCertificates()).isEqualTo(ClientCertificates.REQUIRE);
        assertThat(tls.certificateUsername()).isEqualTo(CertificateUsername.COMMON_NAME);
        assertThat(tls.crlFile()).isEqualTo(Path.of("/etc/cicada/crl.pem"));
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.provider()).isEqualTo(TlsSettings.TlsProvider.JDK);
        assertThat(security.passwordFile()).isEqualTo(Path.of("/etc/cicada/passwd"));
        assertThat(security.aclFile()).isEqualTo(Path.of("/etc/cicada/acl"));
        assertThat(security.anonymousConfirmed()).isTrue();
        assertThat(security.reloadCheckInterval()).isEqualTo(Duration.ZERO);
    }

    @Test
    void badTlsCombinationsNameTheFileAndLine() {
        assertThatThrownBy(() -> load("""
                        listeners:
                          - name: tls
                            certfile: /a.pem
                        """)).hasMessageContaining("cicada.yaml:3: TLS needs both certfile and keyfile");
        assertThatThrownBy(() -> load("""
                        listeners:
                          - name: tls
                            keystore: /a.p12
                            tls_version: tlsv1.1
                        """))
                .hasMessageContaining("cicada.yaml:4: 'tls_version' expects one of: tlsv1.2, tlsv1.3, got 'tlsv1.1'");
    }
}
