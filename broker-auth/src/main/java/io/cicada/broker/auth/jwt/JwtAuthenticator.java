package io.cicada.broker.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates CONNECTs whose password is a signed JWT, and remembers each accepted client's {@link TokenGrants}
 * for {@link #authorizer()} and for the expiry the core enforces. Verification (signature with RS256/384/512,
 * PS256/384/512 or ES256/384/512; {@code exp} required; {@code nbf}; optional {@code iss} and {@code aud}) runs on the
 * {@code verifying} executor because a JWKS URL may be fetched; the grants map is safe from any thread.
 *
 * <p>A refusal is Not authorized (0x87, 3.x return code 5), as with the password file. When the CONNECT has a user
 * name and the token has a {@code sub}, they must be equal.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    /** Expired grants of clients gone are dropped after this many acceptances. */
    private static final int PURGE_EVERY = 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Executor verifying;
    private final Clock clock;
    private final Map<String, TokenGrants> grants = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final JwtKeys keys;
    private final java.nio.file.Path keyFile;

    /**
     * Reads the key file now.
     *
     * @throws IllegalArgumentException when the key file cannot be read or the URL is not one (start-up fails)
     */
    public JwtAuthenticator(JwtSettings settings, Executor verifying) {
        this(settings, verifying, Clock.systemUTC());
    }

    JwtAuthenticator(JwtSettings settings, Executor verifying, Clock clock) {
        this.verifying = Objects.requireNonNull(verifying, "verifying");
        this.clock = clock;
        this.keys = new JwtKeys(settings);
        this.keyFile = settings.keyFile();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : Set.of(settings.audience()), exact.build(), Set.of("exp"), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        log.info(
                "JWT authentication: {} key(s) from {}{}",
                keys.fileKeyCount(),
                settings.keyFile() == null ? "no file" : settings.keyFile(),
                settings.jwksUrl() == null ? "" : " and keys from " + settings.jwksUrl());
    }

    @Override
    public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
        byte[] password = credentials.password();
        if (password == null) {
            return CompletableFuture.completedFuture(ReasonCode.NOT_AUTHORIZED);
        }
        String token = new String(password, StandardCharsets.UTF_8);
        try {
            return CompletableFuture.supplyAsync(() -> verify(credentials, token), verifying);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ReasonCode.SERVER_BUSY);
        }
    }

    /**
     * Reads {@code jwt_key_file} again (file watcher, SIGHUP, admin reload): new CONNECTs are verified with its keys;
     * clients already connected keep their grants until their tokens expire. Returns false, keeping the previous
     * keys, when the file cannot be used.
     */
    public boolean reload() {
        if (keyFile == null) {
            return true;
        }
        try {
            keys.reload();
            log.info("JWT key file {} reloaded: {} key(s)", keyFile, keys.fileKeyCount());
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("JWT key file not reloaded, keeping the previous keys: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public Instant credentialsExpiry(String clientId) {
        TokenGrants current = grants.get(clientId);
        return current == null ? null : current.expiry();
    }

    /** Allows what the client's token claims allow; a client without a live token may do nothing. */
    public Authorizer authorizer() {
        return new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                TokenGrants current = live(clientId);
                return current != null && current.mayPublish(topic);
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                TokenGrants current = live(clientId);
                return current != null && current.maySubscribe(topicFilter);
            }
        };
    }

    private TokenGrants live(String clientId) {
        TokenGrants current = clientId == null ? null : grants.get(clientId);
        return current == null || current.expired(clock.instant()) ? null : current;
    }

    private int verify(ConnectCredentials credentials, String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.info("client '{}' refused: token not accepted: {}", credentials.clientId(), e.getMessage());
            return ReasonCode.NOT_AUTHORIZED;
        }
        String subject = claims.getSubject();
        if (credentials.username() != null
                && subject != null
                && !credentials.username().equals(subject)) {
            log.info("client '{}' refused: user name is not the token's subject", credentials.clientId());
            return ReasonCode.NOT_AUTHORIZED;
        }
        List<String> publish;
        List<String> subscribe;
        try {
            publish = filters(claims, TokenGrants.PUBLISH_CLAIM);
            subscribe = filters(claims, TokenGrants.SUBSCRIBE_CLAIM);
        } catch (ParseException e) {
            log.info("client '{}' refused: {}", credentials.clientId(), e.getMessage());
            return ReasonCode.NOT_AUTHORIZED;
        }
        TokenGrants granted = new TokenGrants(
                subject,
                credentials.clientId(),
                publish,
                subscribe,
                claims.getExpirationTime().toInstant());
        grants.put(credentials.clientId(), granted);
        if (accepted.incrementAndGet() % PURGE_EVERY == 0) {
            Instant now = clock.instant();
            grants.values().removeIf(g -> g.expired(now));
        }
        return ReasonCode.SUCCESS;
    }

    /** A claim holding a list of topic filters, or a single filter; absent means none. */
    private static List<String> filters(JWTClaimsSet claims, String name) throws ParseException {
        Object value = claims.getClaim(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        List<String> list = claims.getStringListClaim(name);
        return list == null ? List.of() : list;
    }

    int grantCount() {
        return grants.size();
    }
}
