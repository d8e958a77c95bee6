package io.cicada.broker.auth.jwt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How tokens are verified. Immutable.
 *
 * @param keyFile a PEM public key or a JWKS JSON file, or null
 * @param jwksUrl an HTTP(S) URL serving a JWKS, fetched off the event loops and cached, or null
 * @param issuer the required {@code iss}, or null for any
 * @param audience the required {@code aud} (one of the token's audiences), or null for any
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param fetchTimeout the connect and read timeout of a JWKS URL request
 * @param cacheTtl how long keys fetched from the JWKS URL are kept
 */
public record JwtSettings(
        Path keyFile,
        URI jwksUrl,
        String issuer,
        String audience,
        Duration clockSkew,
        Duration fetchTimeout,
        Duration cacheTtl) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    public JwtSettings {
        if (keyFile == null && jwksUrl == null) {
            throw new IllegalArgumentException("JWT authentication needs jwt_key_file or jwt_jwks_url");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    /** Keys from a file or a URL (either may be null), default skew, timeout and cache. */
    public static JwtSettings of(Path keyFile, URI jwksUrl, String issuer, String audience) {
        return new JwtSettings(
                keyFile, jwksUrl, issuer, audience, DEFAULT_CLOCK_SKEW, DEFAULT_FETCH_TIMEOUT, DEFAULT_CACHE_TTL);
    }
}
