package io.cicada.broker.auth.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;

/**
 * The verification keys: those of the key file, then those of the JWKS URL (fetched by Nimbus's caching source with
 * a timeout, only when no file key fits the token). Thread-safe: the file's keys are a volatile set that
 * {@link #reload} replaces; {@link #get} may block on the URL, so it is called on the verification executor, never on
 * an event loop.
 */
final class JwtKeys implements JWKSource<SecurityContext> {

    private static final int MAX_JWKS_BYTES = 512 * 1024;

    private final Path keyFile;
    private volatile JWKSet fileKeys;
    private final JWKSource<SecurityContext> remote;

    JwtKeys(JwtSettings settings) {
        this.keyFile = settings.keyFile();
        this.fileKeys = keyFile == null ? new JWKSet() : load(keyFile);
        if (settings.jwksUrl() == null) {
            remote = null;
        } else {
            int timeout = (int) settings.fetchTimeout().toMillis();
            try {
                remote = JWKSourceBuilder.create(
                                settings.jwksUrl().toURL(),
                                new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
                        .cache(settings.cacheTtl().toMillis(), timeout)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("jwt_jwks_url " + settings.jwksUrl() + " is not a URL", e);
            }
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        List<JWK> local = selector.select(fileKeys);
        if (!local.isEmpty() || remote == null) {
            return local;
        }
        return remote.get(selector, context);
    }

    int fileKeyCount() {
        return fileKeys.size();
    }

    /**
     * Reads the key file again: tokens signed with keys no longer in it are refused from now on, tokens signed with new
     * keys accepted. A file that cannot be used leaves the previous keys in place.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no key
     */
    void reload() {
        if (keyFile != null) {
            fileKeys = load(keyFile);
        }
    }

    /** A PEM public key ({@code -----BEGIN PUBLIC KEY-----}, RSA or EC) or a JWKS JSON file. */
    static JWKSet load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JWT key file " + file + ": " + e.getMessage(), e);
        }
        try {
            if (text.startsWith("{")) {
                return JWKSet.parse(text).toPublicJWKSet();
            }
            return new JWKSet(fromPem(text));
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "JWT key file " + file + " is neither a PEM public key nor a JWKS: " + e.getMessage(), e);
        }
    }

    private static JWK fromPem(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            key = KeyFactory.getInstance("EC").generatePublic(spec);
        }
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
}
