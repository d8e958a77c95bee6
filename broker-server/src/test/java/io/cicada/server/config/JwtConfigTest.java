package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.auth.jwt.JwtSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT keys of cicada.yaml: key file, JWKS URL, issuer, audience, clock skew, and the checks across keys. */
class JwtConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws Exception {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    @Test
    void jwtKeysAreRead() throws Exception {
        JwtSettings jwt = load("""
                        jwt_key_file: /etc/cicada/jwt.pem
                        jwt_jwks_url: https://login.example/.well-known/jwks.json
                        jwt_issuer: https://login.example/
                        jwt_audience: cicada
                        jwt_clock_skew: 10
                        """).security().jwt();
        assertThat(jwt.keyFile()).isEqualTo(Path.of("/etc/cicada/jwt.pem"));
        assertThat(jwt.jwksUrl()).isEqualTo(URI.create("https://login.example/.well-known/jwks.json"));
        assertThat(jwt.issuer()).isEqualTo("https://login.example/");
        assertThat(jwt.audience()).isEqualTo("cicada");
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(load("jwt_issuer: x\n").security().jwt()).isNull(); // no keys: no JWT
        assertThat(load("jwt_key_file: /k.pem\n").security().hasAuthentication())
                .isTrue();
    }

    @Test
    void aJwksUrlMustBeHttpAndCannotBeCombinedWithAPasswordFile() {
        assertThatThrownBy(() -> load("jwt_jwks_url: file:///etc/passwd\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'jwt_jwks_url' expects an http:// or https:// URL");
        assertThatThrownBy(() -> load("jwt_key_file: /k.pem\npassword_file: /etc/cicada/passwd\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be used together");
    }
}
