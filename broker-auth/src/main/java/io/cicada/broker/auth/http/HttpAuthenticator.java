package io.cicada.broker.auth.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.broker.auth.http.HttpDecisions.Answer;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates a CONNECT by POSTing its credentials to the authentication URL (see docs/http-auth.md for the
 * request and the answer), and remembers which clients the service called superusers, for {@link HttpAuthorizer}.
 * Answers are not cached: every CONNECT asks. Thread-safe; the stage completes on the back end's threads.
 */
public final class HttpAuthenticator implements Authenticator {

    private final HttpDecisions decisions;
    private final URI url;
    private final FailurePolicy policy;
    private final boolean othersDecide;
    private final Cache<String, String> superusers;

    HttpAuthenticator(HttpDecisions decisions, HttpAuthSettings settings, boolean othersDecide) {
        this.decisions = decisions;
        this.url = Objects.requireNonNull(settings.authenticationUrl(), "authenticationUrl");
        this.policy = settings.failurePolicy();
        this.othersDecide = othersDecide;
        this.superusers = Caffeine.newBuilder()
                .maximumSize(Math.max(1, settings.cacheSize()))
                .build();
    }

    @Override
    public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientid", credentials.clientId());
        body.put("username", credentials.username());
        body.put(
                "password",
                credentials.password() == null ? null : new String(credentials.password(), StandardCharsets.UTF_8));
        body.put("peerhost", host(credentials.remoteAddress()));
        body.put("listener", credentials.listenerName());
        body.put("protocol", protocol(credentials.version()));
        return decisions.ask(url, body).handle((answer, error) -> {
            if (error != null) {
                superusers.invalidate(credentials.clientId());
                return onFailure();
            }
            return decided(credentials, answer);
        });
    }

    /** Whether the service called {@code clientId}, connected as {@code username}, a superuser at its last CONNECT. */
    boolean isSuperuser(String clientId, String username) {
        if (clientId == null) {
            return false;
        }
        String superuser = superusers.getIfPresent(clientId);
        return superuser != null && superuser.equals(username == null ? "" : username);
    }

    private int decided(ConnectCredentials credentials, Answer answer) {
        if (answer.result() == HttpDecisions.Result.ALLOW && answer.superuser()) {
            superusers.put(credentials.clientId(), credentials.username() == null ? "" : credentials.username());
        } else {
            superusers.invalidate(credentials.clientId());
        }
        return switch (answer.result()) {
            case ALLOW -> ReasonCode.SUCCESS;
            case DENY -> ReasonCode.NOT_AUTHORIZED;
            case IGNORE -> othersDecide ? ReasonCode.SUCCESS : ReasonCode.NOT_AUTHORIZED;
        };
    }

    private int onFailure() {
        return switch (policy) {
            case ALLOW -> ReasonCode.SUCCESS;
            case DENY -> ReasonCode.SERVER_UNAVAILABLE;
            case NEXT -> othersDecide ? ReasonCode.SUCCESS : ReasonCode.SERVER_UNAVAILABLE;
        };
    }

    /** The host of {@code host:port} (IPv6 without its brackets). */
    static String host(String address) {
        if (address == null) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static String protocol(MqttVersion version) {
        return switch (version) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5";
        };
    }
}
