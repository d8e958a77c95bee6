package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.tls.TlsSettings.ClientCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cicada broker -c mosquitto.conf}: Mosquitto 2.0 keys with Mosquitto's meaning. */
class MosquittoConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String text) throws Exception {
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, text);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    @Test
    void listenersTlsFilesAndLimitsAreRead() throws Exception {
        Path extra = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(extra.resolve("b.conf"), "max_keepalive 300\n");
        Files.writeString(extra.resolve("a.conf"), "max_keepalive 100\nsys_interval 0\n");
        ServerConfig config = load("""
                # a comment
                per_listener_settings false
                allow_anonymous false
                password_file /etc/mosquitto/passwd
                acl_file /etc/mosquitto/acl
                max_inflight_messages 0
                max_queued_messages 500
                persistence true
                some_future_option 1

                listener 1883 127.0.0.1
                protocol mqtt
                max_connections 100

                listener 8883
                certfile /etc/mosquitto/certs/server.crt
                keyfile /etc/mosquitto/certs/server.key
                cafile /etc/mosquitto/ca_certificates/ca.crt
                require_certificate true
                use_identity_as_username true
                tls_version tlsv1.2
                include_dir %s
                """.formatted(extra));

        assertThat(config.transport().listeners())
                .containsExactly(
                        ListenerSettings.tcp("listener-1883", "127.0.0.1", 1883),
                        ListenerSettings.tcp("listener-8883", "0.0.0.0", 8883));
        assertThat(config.security().tls()).containsOnlyKeys("listener-8883");
        assertThat(config.security().tls().get("listener-8883").clientCertificates())
                .isEqualTo(ClientCertificates.REQUIRE);
        assertThat(config.security().passwordFile()).isEqualTo(Path.of("/etc/mosquitto/passwd"));
        assertThat(config.security().aclFile()).isEqualTo(Path.of("/etc/mosquitto/acl"));
        assertThat(config.broker().allowAnonymous()).isFalse();
        assertThat(config.broker().maxInflightMessages()).isEqualTo(65_535);
        assertThat(config.broker().maxQueuedMessages()).isEqualTo(500);
        assertThat(config.broker().maxKeepAliveSeconds()).isEqualTo(300); // b.conf after a.conf
        assertThat(config.broker().sysIntervalSeconds()).isZero();
        assertThat(config.security().connectionLimits().perListener()).containsEntry("listener-1883", 100);
    }

    @Test
    void withoutListenersTheBrokerIsLocalAndAnonymousAsInMosquitto2() throws Exception {
        ServerConfig config = load("sys_interval 10\n");

        assertThat(config.transport().listeners()).containsExactly(ListenerSettings.tcp("default", "127.0.0.1", 1883));
        assertThat(config.broker().allowAnonymous()).isTrue();
        assertThat(config.security().anonymousConfirmed()).isFalse();
    }

    @Test
    void aConfiguredListenerRefusesAnonymousUnlessAllowed() throws Exception {
        assertThat(load("listener 1883\n").broker().allowAnonymous()).isFalse();
        ServerConfig allowed = load("port 1884\nallow_anonymous true\n");
        assertThat(allowed.broker().allowAnonymous()).isTrue();
        assertThat(allowed.security().anonymousConfirmed()).isTrue();
        assertThat(allowed.transport().listeners()).containsExactly(ListenerSettings.tcp("default", "0.0.0.0", 1884));
    }

    @Test
    void badValuesStopWithFileLineAndExpectation() {
        assertThatThrownBy(() -> load("\nlistener abc\n"))
                .hasMessageContaining("mosquitto.conf:2: 'listener' expects an integer 0..65535, got 'abc'");
        assertThatThrownBy(() -> load("allow_anonymous yes\n"))
                .hasMessageContaining("mosquitto.conf:1: 'allow_anonymous' expects true or false, got 'yes'");
        assertThatThrownBy(() -> load("protocol websockets\n"))
                .hasMessageContaining("mosquitto.conf:1: 'protocol websockets' needs a 'listener' line before it");
        assertThatThrownBy(() -> load("listener 8883\ncertfile /a.crt\n")).hasMessageContaining("mosquitto.conf:2:");
    }

    @Test
    void protocolWebsocketsMakesTheListenerAWebSocketListener() throws Exception {
        ListenerSettings ws = load("listener 1883\nlistener 9001\nprotocol websockets\n")
                .transport()
                .listeners()
                .get(1);
        assertThat(ws.isWebSocket()).isTrue();
        assertThat(ws.port()).isEqualTo(9001);
        assertThat(ws.webSocket().path()).isEqualTo("/mqtt");
    }
}
