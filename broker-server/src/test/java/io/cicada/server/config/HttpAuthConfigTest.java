package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.auth.http.FailurePolicy;
import io.cicada.broker.auth.http.HttpAuthSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http_auth* keys of cicada.yaml: URLs, headers, timeout, cache, failure policy, defaults and bad values. */
class HttpAuthConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws Exception {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    @Test
    void httpKeysAreRead() throws Exception {
        HttpAuthSettings http = load("""
                        http_authn_url: https://auth.example/authn
                        http_authz_url: http://127.0.0.1:9000/authz
                        http_auth_headers: "Authorization: Bearer abc; X-Tenant: blue"
                        http_auth_timeout: 750
                        http_auth_cache_size: 500
                        http_auth_cache_allow_ttl: 120
                        http_auth_cache_deny_ttl: 0
                        http_auth_failure_policy: next
                        """).security().http();
        assertThat(http.authenticationUrl()).isEqualTo(URI.create("https://auth.example/authn"));
        assertThat(http.authorizationUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/authz"));
        assertThat(http.headers())
                .containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer abc", "X-Tenant", "blue"));
        assertThat(http.timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(http.cacheSize()).isEqualTo(500);
        assertThat(http.allowTtl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(http.denyTtl()).isZero();
        assertThat(http.failurePolicy()).isEqualTo(FailurePolicy.NEXT);
    }

    @Test
    void defaultsApplyAndNoUrlMeansNoHttpBackEnd() throws Exception {
        HttpAuthSettings http =
                load("http_authz_url: http://localhost/authz\n").security().http();
        assertThat(http.authenticationUrl()).isNull();
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.cacheSize()).isEqualTo(100_000);
        assertThat(http.allowTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.denyTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.failurePolicy()).isEqualTo(FailurePolicy.DENY);
        assertThat(load("http_auth_timeout: 100\n").security().http()).isNull();
        assertThat(load("http_authn_url: http://localhost/a\n").security().hasAuthentication())
                .isTrue();
    }

    @Test
    void badValuesNameTheFileLineAndWhatIsExpected() {
        assertThatThrownBy(() -> load("http_authn_url: ftp://auth.example/\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cicada.yaml:1")
                .hasMessageContaining("'http_authn_url' expects an http:// or https:// URL");
        assertThatThrownBy(() -> load("\nhttp_authz_url: http://x/\nhttp_auth_headers: no colon here\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cicada.yaml:3")
                .hasMessageContaining("'Name: value' pairs");
        assertThatThrownBy(() -> load("http_auth_failure_policy: maybe\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_auth_failure_policy");
        assertThatThrownBy(() -> load("http_auth_timeout: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_auth_timeout");
    }
}
