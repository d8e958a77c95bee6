package io.cicada.broker.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
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
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {

    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static ECKey ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @Test
    void acceptsAnRs256TokenVerifiedWithAPemKey() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        String token = rs256(rsa, claims("alice").build());
        assertEquals(ReasonCode.SUCCESS, connect(auth, "alice", token));
        assertEquals(
                Instant.ofEpochSecond(Instant.now().plusSeconds(600).getEpochSecond())
                        .getEpochSecond(),
                auth.credentialsExpiry("c1").getEpochSecond(),
                2);
    }

    @Test
    void acceptsAnEs256TokenVerifiedWithAJwksFile() throws Exception {
        JwtAuthenticator auth = authenticator(jwks(ec, rsa), null, null);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims("alice").build());
        jwt.sign(new ECDSASigner(ec));
        assertEquals(ReasonCode.SUCCESS, connect(auth, "alice", jwt.serialize()));
    }

    @Test
    void refusesAWrongSignatureAnExpiredTokenAndAMissingPassword() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        assertEquals(
                ReasonCode.NOT_AUTHORIZED,
                connect(auth, "alice", rs256(otherRsa, claims("alice").build())));
        JWTClaimsSet expired = claims("alice")
                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                .build();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", rs256(rsa, expired)));
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", null));
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", "not a token"));
        assertNull(auth.credentialsExpiry("c1"));
    }

    @Test
    void toleratesASmallClockSkewButRefusesATokenNotYetValid() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        JWTClaimsSet justExpired = claims("alice")
                .expirationTime(Date.from(Instant.now().minusSeconds(5)))
                .build();
        assertEquals(ReasonCode.SUCCESS, connect(auth, "alice", rs256(rsa, justExpired)));
        JWTClaimsSet later = claims("alice")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", rs256(rsa, later)));
    }

    @Test
    void refusesATokenWithoutExpiry() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder().subject("alice").build();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", rs256(rsa, noExpiry)));
    }

    @Test
    void checksIssuerAndAudienceWhenConfigured() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), "https://issuer", "cicada");
        JWTClaimsSet good =
                claims("alice").issuer("https://issuer").audience("cicada").build();
        assertEquals(ReasonCode.SUCCESS, connect(auth, "alice", rs256(rsa, good)));
        JWTClaimsSet wrongAudience =
                claims("alice").issuer("https://issuer").audience("other").build();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", rs256(rsa, wrongAudience)));
        JWTClaimsSet wrongIssuer =
                claims("alice").issuer("https://evil").audience("cicada").build();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, "alice", rs256(rsa, wrongIssuer)));
    }

    @Test
    void refusesAUserNameOtherThanTheSubject() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        assertEquals(
                ReasonCode.NOT_AUTHORIZED,
                connect(auth, "mallory", rs256(rsa, claims("alice").build())));
    }

    @Test
    void claimsLimitPublishAndSubscribeWithSafeSubstitution() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        JWTClaimsSet granted = claims("alice")
                .claim("mqtt_pub", List.of("users/%u/out", "devices/%c/#"))
                .claim("mqtt_sub", "users/%u/in/#")
                .build();
        assertEquals(ReasonCode.SUCCESS, connect(auth, "alice", rs256(rsa, granted)));
        Authorizer authorizer = auth.authorizer();
        assertTrue(authorizer.mayPublish("c1", "alice", "users/alice/out"));
        assertTrue(authorizer.mayPublish("c1", "alice", "devices/c1/temp"));
        assertFalse(authorizer.mayPublish("c1", "alice", "users/bob/out"));
        assertTrue(authorizer.maySubscribe("c1", "alice", "users/alice/in/+"));
        assertFalse(authorizer.maySubscribe("c1", "alice", "users/+/in/#"));
        assertFalse(authorizer.mayPublish("other", "alice", "users/alice/out")); // no token for that client

        JWTClaimsSet injected =
                claims("+").claim("mqtt_pub", List.of("users/%u/out")).build();
        assertEquals(ReasonCode.SUCCESS, connect(auth, null, rs256(rsa, injected), "c2"));
        assertFalse(authorizer.mayPublish("c2", null, "users/x/out")); // '+' is never substituted
        assertFalse(authorizer.mayPublish("c2", null, "users/+/out"));
    }

    @Test
    void aTokenWithoutClaimsMayNotPublishOrSubscribe() throws Exception {
        JwtAuthenticator auth = authenticator(pem(rsa), null, null);
        assertEquals(
                ReasonCode.SUCCESS,
                connect(auth, "alice", rs256(rsa, claims("alice").build())));
        assertFalse(auth.authorizer().mayPublish("c1", "alice", "a"));
        assertFalse(auth.authorizer().maySubscribe("c1", "alice", "#"));
    }

    @Test
    void anUnreadableKeyFileFailsStartUp() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "nonsense");
        assertThrows(IllegalArgumentException.class, () -> authenticator(bad, null, null));
        assertThrows(IllegalArgumentException.class, () -> authenticator(dir.resolve("missing.pem"), null, null));
    }

    static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private Path pem(RSAKey key) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toPublicKey().getEncoded());
        return Files.writeString(
                dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
    }

    private Path jwks(ECKey first, RSAKey second) throws Exception {
        return Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(first, second)).toString(true));
    }

    private static JwtAuthenticator authenticator(Path keyFile, String issuer, String audience) {
        return new JwtAuthenticator(
                new JwtSettings(
                        keyFile,
                        null,
                        issuer,
                        audience,
                        Duration.ofSeconds(30),
                        JwtSettings.DEFAULT_FETCH_TIMEOUT,
                        JwtSettings.DEFAULT_CACHE_TTL),
                Runnable::run);
    }

    private static int connect(JwtAuthenticator auth, String username, String token) {
        return connect(auth, username, token, "c1");
    }

    private static int connect(JwtAuthenticator auth, String username, String token, String clientId) {
        byte[] password = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        return auth.authenticate(
                        new ConnectCredentials(clientId, username, password, "127.0.0.1:1", "tcp", MqttVersion.MQTT_5))
                .toCompletableFuture()
                .join();
    }
}
