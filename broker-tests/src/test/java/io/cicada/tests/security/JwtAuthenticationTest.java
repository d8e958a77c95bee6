package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cicada.broker.auth.jwt.JwtSettings;
import io.cicada.server.Broker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with JWT authentication (keys from a JWKS file), tested with HiveMQ MQTT 5 clients: valid, expired,
 * wrongly signed and wrong-audience tokens, claim-limited publish, subscribe and will, and the DISCONNECT 0x87 sent
 * when a connected client's token expires.
 */
class JwtAuthenticationTest {

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey stranger;

    @TempDir
    static Path dir;

    private static Path jwks;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa").generate();
        jwks = Files.writeString(
                dir.resolve("jwks.json"),
                new JWKSet(List.of(rsa, ec)).toPublicJWKSet().toString());
    }

    private static Broker start() {
        return SecureBrokers.start(
                s -> s.withJwt(JwtSettings.of(jwks, null, "https://issuer.example", "cicada")),
                b -> b.allowAnonymous(false));
    }

    private static JWTClaimsSet.Builder claims(String subject, long secondsValid) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("https://issuer.example")
                .audience("cicada")
                .expirationTime(Date.from(Instant.now().plusSeconds(secondsValid)))
                .claim("mqtt_pub", List.of("users/%u/#"))
                .claim("mqtt_sub", List.of("users/%u/#", "public/#"));
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String es256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").build(), claims);
        jwt.sign(new ECDSASigner(ec));
        return jwt.serialize();
    }

    private static Mqtt5BlockingClient connect(Broker broker, String id, String user, String token) {
        Mqtt5BlockingClient client = SecureBrokers.client(broker, id);
        client.connectWith()
                .simpleAuth()
                .username(user)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    private static void assertRefused(Runnable connect) {
        assertThatThrownBy(connect::run).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    @Test
    void validTokensConnectAndBadOnesAreRefusedWith0x87() throws Exception {
        try (Broker broker = start()) {
            Mqtt5BlockingClient alice = connect(
                    broker, "a1", "alice", rs256(rsa, claims("alice", 600).build()));
            Mqtt5BlockingClient bob =
                    connect(broker, "b1", "bob", es256(claims("bob", 600).build()));

            String expired = rs256(
                    rsa,
                    claims("alice", 600)
                            .expirationTime(Date.from(Instant.now().minusSeconds(300)))
                            .build());
            assertRefused(() -> connect(broker, "x1", "alice", expired));
            String forged = rs256(stranger, claims("alice", 600).build());
            assertRefused(() -> connect(broker, "x2", "alice", forged));
            String otherAudience =
                    rs256(rsa, claims("alice", 600).audience("someone-else").build());
            assertRefused(() -> connect(broker, "x3", "alice", otherAudience));
            String good = rs256(rsa, claims("alice", 600).build());
            assertRefused(() -> connect(broker, "x4", "mallory", good)); // user name is not the token's subject

            assertThat(alice.getState().isConnected()).isTrue();
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void claimsLimitPublishSubscribeAndWill() throws Exception {
        try (Broker broker = start()) {
            Mqtt5BlockingClient alice = connect(
                    broker, "a2", "alice", rs256(rsa, claims("alice", 600).build()));

            alice.publishWith()
                    .topic("users/alice/out")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertThatThrownBy(() -> alice.publishWith()
                            .topic("users/bob/out")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));

            Mqtt5SubAck granted =
                    alice.subscribeWith().topicFilter("public/news").send();
            assertThat(granted.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
            assertThatThrownBy(() -> alice.subscribeWith()
                            .addSubscription()
                            .topicFilter("users/+/out")
                            .applySubscription()
                            .addSubscription()
                            .topicFilter("#")
                            .applySubscription()
                            .send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCodes())
                            .containsExactly(
                                    Mqtt5SubAckReasonCode.NOT_AUTHORIZED, Mqtt5SubAckReasonCode.NOT_AUTHORIZED));

            Mqtt5BlockingClient withWill = SecureBrokers.client(broker, "a3");
            String token = rs256(rsa, claims("alice", 600).build());
            assertRefused(() -> withWill.connectWith()
                    .simpleAuth()
                    .username("alice")
                    .password(token.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .willPublish()
                    .topic("users/bob/status")
                    .applyWillPublish()
                    .send());
            withWill.connectWith()
                    .simpleAuth()
                    .username("alice")
                    .password(token.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .willPublish()
                    .topic("users/alice/status")
                    .applyWillPublish()
                    .send();
            withWill.disconnect();
            alice.disconnect();
        }
    }

    @Test
    void theConnectionIsClosedWithDisconnect0x87WhenTheTokenExpires() throws Exception {
        try (Broker broker = start()) {
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            Mqtt5BlockingClient alice = SecureBrokers.plain(broker, "a4")
                    .addDisconnectedListener(context -> closed.complete(context.getCause()))
                    .buildBlocking();
            String shortLived = rs256(rsa, claims("alice", 2).build());
            alice.connectWith()
                    .simpleAuth()
                    .username("alice")
                    .password(shortLived.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            Mqtt5BlockingClient other =
                    connect(broker, "o1", "bob", rs256(rsa, claims("bob", 600).build()));

            Throwable cause = closed.get(10, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> assertThat(
                            e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
            assertThat(other.getState().isConnected()).isTrue();
            other.disconnect();
        }
    }
}
