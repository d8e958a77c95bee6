package io.cicada.broker.auth.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the HTTP back end asks. Immutable.
 *
 * @param authenticationUrl the URL a CONNECT's credentials are POSTed to, or null (not used for authentication)
 * @param authorizationUrl the URL each PUBLISH topic and SUBSCRIBE filter is POSTed to, or null
 * @param headers extra request headers, such as {@code Authorization: Bearer ...}
 * @param timeout how long one request may take, connecting included, before the failure policy applies
 * @param cacheSize how many authorization answers are kept at most
 * @param allowTtl how long an allow answer is kept; zero keeps none
 * @param denyTtl how long a deny answer is kept; zero keeps none
 * @param failurePolicy what is decided when the service does not answer
 */
public record HttpAuthSettings(
        URI authenticationUrl,
        URI authorizationUrl,
        Map<String, String> headers,
        Duration timeout,
        int cacheSize,
        Duration allowTtl,
        Duration denyTtl,
        FailurePolicy failurePolicy) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    public static final Duration DEFAULT_ALLOW_TTL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_DENY_TTL = Duration.ofSeconds(10);

    public HttpAuthSettings {
        if (authenticationUrl == null && authorizationUrl == null) {
            throw new IllegalArgumentException("the HTTP back end needs an authentication or an authorization URL");
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(allowTtl, "allowTtl");
        Objects.requireNonNull(denyTtl, "denyTtl");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (cacheSize < 0 || allowTtl.isNegative() || denyTtl.isNegative()) {
            throw new IllegalArgumentException("cache size and TTLs must not be negative");
        }
    }

    /** The given URLs (either may be null) with the defaults: no headers, 5 s, 100 000 answers, 60 s / 10 s, deny. */
    public static HttpAuthSettings of(URI authenticationUrl, URI authorizationUrl) {
        return new HttpAuthSettings(
                authenticationUrl,
                authorizationUrl,
                Map.of(),
                DEFAULT_TIMEOUT,
                DEFAULT_CACHE_SIZE,
                DEFAULT_ALLOW_TTL,
                DEFAULT_DENY_TTL,
                FailurePolicy.DENY);
    }

    public HttpAuthSettings withTimeout(Duration value) {
        return new HttpAuthSettings(
                authenticationUrl, authorizationUrl, headers, value, cacheSize, allowTtl, denyTtl, failurePolicy);
    }

    public HttpAuthSettings withFailurePolicy(FailurePolicy value) {
        return new HttpAuthSettings(
                authenticationUrl, authorizationUrl, headers, timeout, cacheSize, allowTtl, denyTtl, value);
    }

    public HttpAuthSettings withCache(int size, Duration allow, Duration deny) {
        return new HttpAuthSettings(
                authenticationUrl, authorizationUrl, headers, timeout, size, allow, deny, failurePolicy);
    }

    public HttpAuthSettings withHeaders(Map<String, String> value) {
        return new HttpAuthSettings(
                authenticationUrl, authorizationUrl, value, timeout, cacheSize, allowTtl, denyTtl, failurePolicy);
    }
}
