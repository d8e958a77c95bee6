package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cicada.broker.auth.jwt.JwtSettings;
import io.cicada.server.Broker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwt_key_file} re-read without a restart, like the password and ACL files: after the key is swapped, tokens
 * signed with the old key are refused (0x87) and tokens signed with the new one accepted; a client connected before
 * stays connected. Both ways in: an explicit reload (SIGHUP, admin call) and the file watcher.
 */
class JwtKeyReloadTest {

    private static RSAKey oldKey;
    private static RSAKey newKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        oldKey = new RSAKeyGenerator(2048).keyID("old").generate();
        newKey = new RSAKeyGenerator(2048).keyID("new").generate();
    }

    private static void writeKey(Path file, RSAKey key) throws Exception {
        Path tmp = Files.writeString(
                file.resolveSibling(file.getFileName() + ".tmp"),
                new JWKSet(List.of(key)).toPublicJWKSet().toString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String token(RSAKey key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("mqtt_pub", List.of("#"))
                .claim("mqtt_sub", List.of("#"))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Mqtt5BlockingClient connect(Broker broker, String id, String token) {
        Mqtt5BlockingClient client = SecureBrokers.client(broker, id);
        client.connectWith()
                .simpleAuth()
                .password(token.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    private static boolean refused(Broker broker, String id, String token) {
        try {
            connect(broker, id, token).disconnect();
            return false;
        } catch (Mqtt5ConnAckException e) {
            assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            return true;
        }
    }

    @Test
    void explicitReloadSwapsTheKeyWithoutARestart() throws Exception {
        Path keyFile = dir.resolve("jwks.json");
        writeKey(keyFile, oldKey);
        try (Broker broker = SecureBrokers.start(
                s -> s.withJwt(JwtSettings.of(keyFile, null, null, null)).withReloadCheckInterval(Duration.ZERO))) {
            Mqtt5BlockingClient before = connect(broker, "before", token(oldKey, "alice"));
            assertThat(refused(broker, "n1", token(newKey, "alice"))).isTrue();

            writeKey(keyFile, newKey);
            broker.reloadSecurity();

            assertThat(refused(broker, "o1", token(oldKey, "alice"))).isTrue();
            assertThat(refused(broker, "n2", token(newKey, "alice"))).isFalse();
            assertThat(before.getState().isConnected()).isTrue();
            before.disconnect();
        }
    }

    @Test
    void theFileWatcherPicksUpANewKey() throws Exception {
        Path keyFile = dir.resolve("jwks.json");
        writeKey(keyFile, oldKey);
        try (Broker broker = SecureBrokers.start(s ->
                s.withJwt(JwtSettings.of(keyFile, null, null, null)).withReloadCheckInterval(Duration.ofMillis(100)))) {
            assertThat(refused(broker, "o1", token(oldKey, "alice"))).isFalse();

            writeKey(keyFile, newKey);

            await().atMost(Duration.ofSeconds(10)).until(() -> !refused(broker, "n1", token(newKey, "alice")));
            assertThat(refused(broker, "o2", token(oldKey, "alice"))).isTrue();
        }
    }

    @Test
    void aBrokenKeyFileKeepsThePreviousKeys() throws Exception {
        Path keyFile = dir.resolve("jwks.json");
        writeKey(keyFile, oldKey);
        try (Broker broker = SecureBrokers.start(
                s -> s.withJwt(JwtSettings.of(keyFile, null, null, null)).withReloadCheckInterval(Duration.ZERO))) {
            Files.writeString(keyFile, "not a key");
            broker.reloadSecurity();

            assertThat(refused(broker, "o1", token(oldKey, "alice"))).isFalse();
            assertThatThrownBy(() -> connect(broker, "n1", token(newKey, "alice")))
                    .isInstanceOf(Mqtt5ConnAckException.class);
        }
    }
}
