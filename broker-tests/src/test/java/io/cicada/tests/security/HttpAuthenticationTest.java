package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.cicada.broker.auth.http.FailurePolicy;
import io.cicada.broker.auth.http.HttpAuthSettings;
import io.cicada.broker.auth.password.PasswordFileEditor;
import io.cicada.broker.auth.password.PasswordHash.Algorithm;
import io.cicada.server.Broker;
import io.cicada.tests.security.FakeAuthService.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONNECT decided by the HTTP back end: the request it POSTs, allow and deny answers, the bearer header, and the
 * failure policy when the service is down, answers too slowly or answers nonsense. Tested with HiveMQ MQTT 5 clients
 * against a JDK HTTP server in the test.
 */
class HttpAuthenticationTest {

    @TempDir
    Path dir;

    private static Broker start(HttpAuthSettings http) {
        return start(http, UnaryOperator.identity());
    }

    private static Broker start(HttpAuthSettings http, UnaryOperator<io.cicada.server.security.SecuritySettings> more) {
        return SecureBrokers.start(s -> more.apply(s.withHttp(http)), b -> b.allowAnonymous(false));
    }

    private static Mqtt5BlockingClient connect(Broker broker, String id, String user, String password) {
        Mqtt5BlockingClient client = SecureBrokers.client(broker, id);
        client.connectWith()
                .simpleAuth()
                .username(user)
                .password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    private static void assertRefused(Runnable connect, Mqtt5ConnAckReasonCode code) {
        assertThatThrownBy(connect::run).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCode())
                .isEqualTo(code));
    }

    private static URI deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/authn");
        }
    }

    @Test
    void serviceAllowsAndDeniesConnectsAndGetsTheCredentialsAsJson() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(service.authnUrl(), null)
                        .withHeaders(Map.of("Authorization", "Bearer s3cret")))) {
            service.authn(body -> Reply.of("alice".equals(body.get("username")) && "pw".equals(body.get("password"))));

            Mqtt5BlockingClient alice = connect(broker, "alice-1", "alice", "pw");
            assertRefused(() -> connect(broker, "alice-2", "alice", "wrong"), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            assertRefused(() -> connect(broker, "bob-1", "bob", "pw"), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);

            assertThat(alice.getState().isConnected()).isTrue();
            Map<String, Object> first = service.requests("/authn").get(0);
            assertThat(first)
                    .containsEntry("clientid", "alice-1")
                    .containsEntry("username", "alice")
                    .containsEntry("password", "pw")
                    .containsEntry("peerhost", "127.0.0.1")
                    .containsEntry("listener", "tcp")
                    .containsEntry("protocol", "5");
            assertThat(service.authorizationHeaders("/authn")).containsOnly("Bearer s3cret");
            assertThat(service.count("/authn")).isEqualTo(3); // CONNECTs are not cached
            alice.disconnect();
        }
    }

    @Test
    void noContentAllowsAndAnUnknownAnswerIsAFailure() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(service.authnUrl(), null))) {
            service.authn(body -> "nc".equals(body.get("username"))
                    ? new Reply(204, "")
                    : "odd".equals(body.get("username"))
                            ? new Reply(200, "{\"result\":\"maybe\"}")
                            : new Reply(500, ""));

            connect(broker, "c1", "nc", "x").disconnect();
            assertRefused(() -> connect(broker, "c2", "odd", "x"), Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
            assertRefused(() -> connect(broker, "c3", "err", "x"), Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        }
    }

    @Test
    void serviceDownRefusesWithServerUnavailableUnderTheDenyPolicy() throws Exception {
        try (Broker broker = start(HttpAuthSettings.of(deadUrl(), null))) {
            assertRefused(() -> connect(broker, "c1", "alice", "pw"), Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        }
    }

    @Test
    void serviceDownAcceptsUnderTheAllowPolicy() throws Exception {
        try (Broker broker = start(HttpAuthSettings.of(deadUrl(), null).withFailurePolicy(FailurePolicy.ALLOW))) {
            Mqtt5BlockingClient client = connect(broker, "c1", "alice", "pw");
            assertThat(client.getState().isConnected()).isTrue();
            client.disconnect();
        }
    }

    @Test
    void slowServiceTimesOutAndTheFailurePolicyApplies() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker =
                        start(HttpAuthSettings.of(service.authnUrl(), null).withTimeout(Duration.ofMillis(300)))) {
            CountDownLatch never = new CountDownLatch(1);
            service.authn(body -> {
                try {
                    never.await(2, TimeUnit.SECONDS); // the service is slow: longer than the broker's timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.allow();
            });
            long start = System.nanoTime();
            assertRefused(() -> connect(broker, "c1", "alice", "pw"), Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
        }
    }

    @Test
    void nextPolicyLeavesTheConnectToThePasswordFile() throws Exception {
        Path passwords = dir.resolve("passwd");
        PasswordFileEditor.open(passwords)
                .set("alice", "right", Algorithm.SHA512)
                .save();
        try (Broker broker = start(
                HttpAuthSettings.of(deadUrl(), null).withFailurePolicy(FailurePolicy.NEXT),
                s -> s.withPasswordFile(passwords))) {
            connect(broker, "c1", "alice", "right").disconnect();
            assertRefused(() -> connect(broker, "c2", "alice", "wrong"), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void nextPolicyWithoutAnotherBackEndRefuses() throws Exception {
        try (Broker broker = start(HttpAuthSettings.of(deadUrl(), null).withFailurePolicy(FailurePolicy.NEXT))) {
            assertRefused(() -> connect(broker, "c1", "alice", "pw"), Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        }
    }

    @Test
    void ignoreAnswerLeavesTheConnectToThePasswordFile() throws Exception {
        Path passwords = dir.resolve("passwd");
        PasswordFileEditor.open(passwords)
                .set("alice", "right", Algorithm.SHA512)
                .save();
        try (FakeAuthService service = new FakeAuthService();
                Broker broker =
                        start(HttpAuthSettings.of(service.authnUrl(), null), s -> s.withPasswordFile(passwords))) {
            service.authn(body -> new Reply(200, "{\"result\":\"ignore\"}"));
            connect(broker, "c1", "alice", "right").disconnect();
            assertRefused(() -> connect(broker, "c2", "alice", "wrong"), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        }
    }
}
