package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.admin.AdminSettings;
import io.cicada.broker.transport.ListenerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration keys of WebSocket listeners, the PROXY protocol, the admin API and $SYS client events. */
class WebConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws IOException {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    private String errorOf(String yaml) {
        try {
            load(yaml);
            throw new AssertionError("no error for " + yaml);
        } catch (ConfigException | IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void aWebSocketListenerTakesItsOptions() throws IOException {
        ServerConfig config = load("""
                listeners:
                  - name: ws
                    type: ws
                    port: 8083
                    path: /broker
                    websocket_compression: true
                    allowed_origins: "https://a.example, https://b.example"
                    trusted_proxies: 10.0.0.1
                    proxy_protocol: true
                """);
        ListenerSettings ws = config.transport().listeners().get(0);
        assertThat(ws.isWebSocket()).isTrue();
        assertThat(ws.proxyProtocol()).isTrue();
        assertThat(ws.webSocket().path()).isEqualTo("/broker");
        assertThat(ws.webSocket().compression()).isTrue();
        assertThat(ws.webSocket().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(ws.webSocket().trustedProxies()).containsExactly("10.0.0.1");
    }

    @Test
    void badListenerOptionsNameTheLine() {
        assertThat(errorOf("listeners:\n  - type: ws\n    path: mqtt\n"))
                .endsWith("/cicada.yaml:3: 'path' expects a path starting with '/', got 'mqtt'");
        assertThat(errorOf("listeners:\n  - type: tcp\n    proxy_protocol: yes\n"))
                .endsWith("/cicada.yaml:3: 'proxy_protocol' expects true or false, got 'yes'");
    }

    @Test
    void adminKeysBuildTheAdminSettings() throws IOException {
        AdminSettings admin = load("""
                admin_enabled: true
                admin_host: 0.0.0.0
                admin_port: 9100
                admin_token: abc
                admin_username: ops
                admin_password: secret
                admin_authenticate_local: true
                sys_client_events: true
                """).admin();
        assertThat(admin).isEqualTo(new AdminSettings(true, "0.0.0.0", 9100, "abc", "ops", "secret", true));
        assertThat(load("sys_client_events: true\n").broker().sysClientEvents()).isTrue();
        assertThat(load("").admin()).isEqualTo(AdminSettings.defaults());
    }

    @Test
    void basicCredentialsNeedBothHalves() {
        assertThat(errorOf("admin_username: ops\n"))
                .endsWith("/cicada.yaml:1: 'admin_username' and 'admin_password' must be set together");
    }
}
