package io.cicada.broker.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys fetched from a JWKS URL (a JDK HTTP server in the test): cached, and a slow server is a refusal, not a hang. */
class JwtKeysUrlTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService verifying = Executors.newSingleThreadExecutor();
    private RSAKey key;

    @BeforeEach
    void serve() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("url-1").generate();
        byte[] body = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        verifying.shutdownNow();
    }

    @Test
    void keysAreFetchedOnceAndCached() throws Exception {
        JwtAuthenticator auth = authenticator("/jwks", Duration.ofSeconds(5));
        String token = signed();
        assertEquals(ReasonCode.SUCCESS, connect(auth, token, "c1"));
        assertEquals(ReasonCode.SUCCESS, connect(auth, token, "c2"));
        assertEquals(1, requests.get());
    }

    @Test
    void aJwksUrlThatDoesNotAnswerInTimeRefusesTheClient() throws Exception {
        JwtAuthenticator auth = authenticator("/slow", Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(ReasonCode.NOT_AUTHORIZED, connect(auth, signed(), "c1"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    private String signed() throws Exception {
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("url-1").build();
        SignedJWT jwt =
                new SignedJWT(header, JwtAuthenticatorTest.claims("alice").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JwtAuthenticator authenticator(String path, Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new JwtAuthenticator(
                new JwtSettings(null, url, null, null, Duration.ofSeconds(30), timeout, Duration.ofMinutes(5)),
                verifying);
    }

    private static int connect(JwtAuthenticator auth, String token, String clientId) throws Exception {
        return auth.authenticate(new ConnectCredentials(
                        clientId,
                        "alice",
                        token.getBytes(StandardCharsets.UTF_8),
                        "127.0.0.1:1",
                        "tcp",
                        MqttVersion.MQTT_5))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
