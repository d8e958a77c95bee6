package io.cicada.server.security;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A plugin found through {@code META-INF/services} on this module's test class path, as a third-party jar would be:
 * refuses the user {@code plugin-blocked} and the topic {@code plugin/forbidden}, and nothing else (so the module's
 * other tests are unaffected).
 */
public final class BlockingTestPlugin implements Authenticator, Authorizer {

    @Override
    public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
        return CompletableFuture.completedFuture(
                "plugin-blocked".equals(credentials.username()) ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS);
    }

    @Override
    public boolean mayPublish(String clientId, String username, String topic) {
        return !topic.equals("plugin/forbidden");
    }

    @Override
    public boolean maySubscribe(String clientId, String username, String topicFilter) {
        return !topicFilter.equals("plugin/forbidden");
    }
}
