package io.cicada.broker.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the server stores for one user and one SCRAM hash (RFC 5802 §3): salt, iteration count, StoredKey and
 * ServerKey; never the password. Immutable. Its text form, one line of a credentials file, is
 * {@code user:SCRAM-SHA-256:iterations:salt:storedKey:serverKey} with Base64 values.
 */
public record ScramCredential(
        String username, ScramHash hash, int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** The SCRAM hash functions Cicada supports. */
    public enum ScramHash {
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32),
        SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512", "PBKDF2WithHmacSHA512", 64);

        final String method;
        final String digest;
        final String mac;
        final String pbkdf2;
        final int length;

        ScramHash(String method, String digest, String mac, String pbkdf2, int length) {
            this.method = method;
            this.digest = digest;
            this.mac = mac;
            this.pbkdf2 = pbkdf2;
            this.length = length;
        }

        /** The MQTT Authentication Method name, such as {@code SCRAM-SHA-256}. */
        public String method() {
            return method;
        }

        /** The hash for an Authentication Method name, or null. */
        public static ScramHash ofMethod(String method) {
            for (ScramHash hash : values()) {
                if (hash.method.equals(method)) {
                    return hash;
                }
            }
            return null;
        }

        byte[] hmac(byte[] key, byte[] data) {
            try {
                Mac m = Mac.getInstance(mac);
                m.init(new SecretKeySpec(key, mac));
                return m.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(digest).digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Hi(password, salt, i) of RFC 5802 §2.2: PBKDF2 with this HMAC. */
        public byte[] saltedPassword(String password, byte[] salt, int iterations) {
            try {
                PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
                return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Derives the stored credential from a password with a fresh random salt. */
    public static ScramCredential derive(String username, String password, ScramHash hash, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] salted = hash.saltedPassword(password, salt, iterations);
        byte[] clientKey = hash.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = hash.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredential(username, hash, iterations, salt, hash.digest(clientKey), serverKey);
    }

    /** Parses one line of a credentials file; throws {@link IllegalArgumentException} when it is not one. */
    public static ScramCredential parse(String line) {
        String[] parts = line.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("expected user:METHOD:iterations:salt:storedKey:serverKey");
        }
        ScramHash hash = ScramHash.ofMethod(parts[1]);
        if (hash == null) {
            throw new IllegalArgumentException("unknown SCRAM method '" + parts[1] + "'");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScramCredential(
                parts[0],
                hash,
                Integer.parseInt(parts[2]),
                b64.decode(parts[3]),
                b64.decode(parts[4]),
                b64.decode(parts[5]));
    }

    /** The line {@link #parse} reads. */
    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join(
                ":",
                username,
                hash.method,
                Integer.toString(iterations),
                b64.encodeToString(salt),
                b64.encodeToString(storedKey),
                b64.encodeToString(serverKey));
    }
}
