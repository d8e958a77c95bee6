package io.cicada.broker.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One stored password in one of the forms {@code mosquitto_passwd} writes, parsed once and checked many times.
 * Immutable and thread-safe; {@link #matches} may be slow by design (PBKDF2, argon2id), so callers run it off the
 * event loops.
 *
 * <p>A note on the formats, as they appear after {@code user:} in a Mosquitto password file:
 *
 * <ul>
 *   <li>{@code $6$SALT$HASH}: Mosquitto 1.x, SHA-512 over the password followed by the salt; salt and hash in
 *       padded standard Base64.
 *   <li>{@code $7$ITERATIONS$SALT$HASH}: Mosquitto 2.0, PBKDF2-HMAC-SHA512 with a 64-byte hash, the default 101
 *       iterations; padded standard Base64.
 *   <li>{@code $argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH}: Mosquitto 2.1, the PHC string of argon2id with
 *       unpadded Base64.
 * </ul>
 */
public final class PasswordHash {

    /** The hash functions a password file may use. */
    public enum Algorithm {
        /** {@code $6$}, salted SHA-512; read for old files, never a good choice for new entries. */
        SHA512,
        /** {@code $7$}, PBKDF2-HMAC-SHA512, what {@code mosquitto_passwd} 2.0 writes. */
        PBKDF2_SHA512,
        /** {@code $argon2id$}, the strongest; what {@code cicada passwd} writes by default. */
        ARGON2ID
    }

    /** Iterations of new PBKDF2 hashes: far above Mosquitto's 101, as OWASP advises for PBKDF2-HMAC-SHA512. */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 210_000;
    /** Memory of new argon2id hashes in KiB (19 MiB, two passes, one lane: OWASP's minimum recommendation). */
    public static final int DEFAULT_ARGON2_MEMORY_KIB = 19 * 1024;

    private static final int DEFAULT_ARGON2_PASSES = 2;
    private static final int SALT_BYTES = 16;
    /** Mosquitto 2.0 refuses $6$ and $7$ entries whose salt is not exactly 12 bytes (checked with 2.0.11). */
    private static final int MOSQUITTO_SALT_BYTES = 12;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final Algorithm algorithm;
    private final byte[] salt;
    private final byte[] hash;
    private final int iterations; // PBKDF2 iterations or argon2 passes
    private final int memoryKib;
    private final int lanes;

    private PasswordHash(Algorithm algorithm, byte[] salt, byte[] hash, int iterations, int memoryKib, int lanes) {
        this.algorithm = algorithm;
        this.salt = salt;
        this.hash = hash;
        this.iterations = iterations;
        this.memoryKib = memoryKib;
        this.lanes = lanes;
    }

    /**
     * Parses the part after {@code user:}.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the hash)
     */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length < 4 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("not a $6$, $7$ or $argon2id$ password hash");
        }
        try {
            switch (parts[1]) {
                case "6":
                    requireParts(parts, 4);
                    return new PasswordHash(Algorithm.SHA512, decode(parts[2]), decode(parts[3]), 1, 0, 0);
                case "7":
                    requireParts(parts, 5);
                    int iterations = Integer.parseInt(parts[2]);
                    if (iterations < 1) {
                        throw new IllegalArgumentException("PBKDF2 iterations must be positive");
                    }
                    return new PasswordHash(
                            Algorithm.PBKDF2_SHA512, decode(parts[3]), decode(parts[4]), iterations, 0, 0);
                case "argon2id":
                    return parseArgon2(parts);
                default:
                    throw new IllegalArgumentException("unknown password hash type '$" + parts[1] + "$'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed number in the password hash");
        }
    }

    private static PasswordHash parseArgon2(String[] parts) {
        requireParts(parts, 6);
        if (!parts[2].equals("v=19")) {
            throw new IllegalArgumentException("only argon2id version 19 is supported");
        }
        int memory = 0;
        int passes = 0;
        int lanes = 0;
        for (String param : parts[3].split(",")) {
            String[] kv = param.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("malformed argon2id parameters");
            }
            int value = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "m" -> memory = value;
                case "t" -> passes = value;
                case "p" -> lanes = value;
                default -> throw new IllegalArgumentException("unknown argon2id parameter '" + kv[0] + "'");
            }
        }
        if (memory < 8 || passes < 1 || lanes < 1) {
            throw new IllegalArgumentException("argon2id needs m >= 8, t >= 1 and p >= 1");
        }
        return new PasswordHash(Algorithm.ARGON2ID, decode(parts[4]), decode(parts[5]), passes, memory, lanes);
    }

    private static void requireParts(String[] parts, int count) {
        if (parts.length != count) {
            throw new IllegalArgumentException("malformed $" + parts[1] + "$ password hash");
        }
    }

    private static byte[] decode(String base64) {
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("empty salt or hash");
        }
        try {
            return BASE64.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("salt or hash is not Base64");
        }
    }

    /** A new hash of {@code password} with a random salt and the strong defaults of {@code algorithm}. */
    public static PasswordHash create(String password, Algorithm algorithm) {
        byte[] salt = new byte[algorithm == Algorithm.ARGON2ID ? SALT_BYTES : MOSQUITTO_SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return switch (algorithm) {
            case SHA512 -> new PasswordHash(algorithm, salt, sha512(bytes, salt), 1, 0, 0);
            case PBKDF2_SHA512 ->
                new PasswordHash(
                        algorithm,
                        salt,
                        pbkdf2(bytes, salt, DEFAULT_PBKDF2_ITERATIONS, 64),
                        DEFAULT_PBKDF2_ITERATIONS,
                        0,
                        0);
            case ARGON2ID ->
                new PasswordHash(
                        algorithm,
                        salt,
                        argon2(bytes, salt, DEFAULT_ARGON2_PASSES, DEFAULT_ARGON2_MEMORY_KIB, 1, 32),
                        DEFAULT_ARGON2_PASSES,
                        DEFAULT_ARGON2_MEMORY_KIB,
                        1);
        };
    }

    /** Whether {@code password} (the CONNECT's password bytes) hashes to this; compares in constant time. */
    public boolean matches(byte[] password) {
        byte[] computed =
                switch (algorithm) {
                    case SHA512 -> sha512(password, salt);
                    case PBKDF2_SHA512 -> pbkdf2(password, salt, iterations, hash.length);
                    case ARGON2ID -> argon2(password, salt, iterations, memoryKib, lanes, hash.length);
                };
        return MessageDigest.isEqual(computed, hash);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The form written to a password file after {@code user:}. */
    public String encode() {
        Base64.Encoder padded = Base64.getEncoder();
        Base64.Encoder unpadded = padded.withoutPadding();
        return switch (algorithm) {
            case SHA512 -> "$6$" + padded.encodeToString(salt) + "$" + padded.encodeToString(hash);
            case PBKDF2_SHA512 ->
                "$7$" + iterations + "$" + padded.encodeToString(salt) + "$" + padded.encodeToString(hash);
            case ARGON2ID ->
                String.format(
                        Locale.ROOT,
                        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
                        memoryKib,
                        iterations,
                        lanes,
                        unpadded.encodeToString(salt),
                        unpadded.encodeToString(hash));
        };
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm + "]";
    }

    private static byte[] sha512(byte[] password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password);
            digest.update(salt);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
        // PBEKeySpec takes chars; HMAC keys are the UTF-8 bytes, which the JDK encodes back from these chars.
        char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
        }
    }

    private static byte[] argon2(byte[] password, byte[] salt, int passes, int memoryKib, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(passes)
                .withMemoryAsKB(memoryKib)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
