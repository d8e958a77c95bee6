package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.will;
import static io.cicada.broker.connection.Packets.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Credentials that expire (a token): the core closes the connection at the expiry, MQTT 5 with DISCONNECT 0x87; and
 * the will topic is authorized after authentication, so an authorizer fed by the credentials knows the client.
 */
class CredentialsExpiryTest {

    /** Accepts everyone with credentials valid for a minute from acceptance, on the harness clock. */
    private static final class ExpiringAuthenticator implements Authenticator {
        private final Supplier<Instant> clock;
        final Set<String> accepted = new HashSet<>();

        ExpiringAuthenticator(Supplier<Instant> clock) {
            this.clock = clock;
        }

        @Override
        public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
            accepted.add(credentials.clientId());
            return CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        }

        @Override
        public Instant credentialsExpiry(String clientId) {
            return clock.get().plusSeconds(60);
        }
    }

    @Test
    void mqtt5ClientGetsDisconnect0x87WhenItsCredentialsExpire() {
        CoreHarness[] holder = new CoreHarness[1];
        CoreHarness h = new CoreHarness(
                CoreHarness.SETTINGS, b -> b.authenticator(new ExpiringAuthenticator(() -> holder[0].clock.instant())));
        holder[0] = h;
        TestClient client = h.client();
        assertThat(client.connect(connect5("a")).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        h.advance(Duration.ofSeconds(59));
        assertThat(client.isClosed()).isFalse();
        h.advance(Duration.ofSeconds(2));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void mqtt311ClientIsClosedWithoutDisconnectWhenItsCredentialsExpire() {
        CoreHarness[] holder = new CoreHarness[1];
        CoreHarness h = new CoreHarness(
                CoreHarness.SETTINGS, b -> b.authenticator(new ExpiringAuthenticator(() -> holder[0].clock.instant())));
        holder[0] = h;
        TestClient client = h.client();
        client.connect(connect311("a"));
        h.advance(Duration.ofSeconds(61));
        assertThat(client.isClosed()).isTrue();
        assertThat(client.received(Disconnect.class)).isEmpty();
    }

    @Test
    void theWillTopicIsAuthorizedAfterAuthentication() {
        CoreHarness[] holder = new CoreHarness[1];
        ExpiringAuthenticator authenticator = new ExpiringAuthenticator(() -> holder[0].clock.instant());
        Authorizer onlyAuthenticated = new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return authenticator.accepted.contains(clientId) && topic.startsWith(clientId + "/");
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return true;
            }
        };
        CoreHarness h = new CoreHarness(
                CoreHarness.SETTINGS, b -> b.authenticator(authenticator).authorizer(onlyAuthenticated));
        holder[0] = h;
        assertThat(h.client()
                        .connect(withWill(connect5("a"), will("a/status", "gone")))
                        .reasonCode())
                .isEqualTo(ReasonCode.SUCCESS);
        assertThat(h.client()
                        .connect(withWill(connect5("b"), will("a/status", "gone")))
                        .reasonCode())
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }
}
