package io.cicada.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import org.junit.jupiter.api.Test;

class PluginsTest {

    @Test
    void pluginAuthenticatorFromTheClassPathMustAlsoAccept() {
        Authenticator combined = Plugins.authenticator(Authenticator.allowAll());

        assertThat(decide(combined, "plugin-blocked")).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(decide(combined, "alice")).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    void baseRefusalIsNotOverriddenByAPlugin() {
        Authenticator refuseAll = c -> java.util.concurrent.CompletableFuture.completedFuture(ReasonCode.BANNED);

        assertThat(decide(Plugins.authenticator(refuseAll), "alice")).isEqualTo(ReasonCode.BANNED);
    }

    @Test
    void pluginAuthorizerFromTheClassPathMustAlsoAllow() {
        Authorizer combined = Plugins.authorizer(Authorizer.allowAll());

        assertThat(combined.mayPublish("c", "u", "plugin/forbidden")).isFalse();
        assertThat(combined.maySubscribe("c", "u", "plugin/forbidden")).isFalse();
        assertThat(combined.mayPublish("c", "u", "plugin/allowed")).isTrue();
    }

    private static int decide(Authenticator authenticator, String user) {
        return authenticator
                .authenticate(new ConnectCredentials("c", user, null, "127.0.0.1:1", "tcp", MqttVersion.MQTT_5))
                .toCompletableFuture()
                .join();
    }
}
