package io.cicada.broker.auth;

import io.cicada.broker.auth.ScramCredential.ScramHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) as MQTT 5 enhanced authentication methods, over stored
 * {@link ScramCredential}s. Thread-safe (the credentials are immutable); each {@link Exchange} is used on one
 * connection's event loop.
 *
 * <p>The exchange: CONNECT carries client-first ({@code n,,n=user,r=nonce}); AUTH 0x18 from the broker carries
 * server-first ({@code r=nonce+server nonce,s=salt,i=iterations}); AUTH 0x18 from the client carries client-final
 * ({@code c=biws,r=...,p=proof}); CONNACK (or AUTH 0x00 when re-authenticating) carries server-final
 * ({@code v=signature}). Channel binding is not supported ({@code p=} is refused). An unknown user gets a made-up salt
 * and fails at the proof, so a client cannot tell unknown users from wrong passwords.
 */
public final class ScramAuthentication implements EnhancedAuthentication {
    private static final int NONCE_BYTES = 18;

    private final Map<String, ScramCredential> credentials = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] fakeSaltKey = new byte[32];

    public ScramAuthentication(Collection<ScramCredential> stored) {
        for (ScramCredential credential : stored) {
            credentials.put(key(credential.hash(), credential.username()), credential);
        }
        random.nextBytes(fakeSaltKey);
    }

    @Override
    public boolean supports(String method) {
        return ScramHash.ofMethod(method) != null;
    }

    @Override
    public Exchange start(String method, String clientId) {
        ScramHash hash = ScramHash.ofMethod(method);
        if (hash == null) {
            throw new IllegalArgumentException("unsupported authentication method " + method);
        }
        return new ScramExchange(hash);
    }

    private static String key(ScramHash hash, String username) {
        return hash.method() + '\u0000' + username;
    }

    /** One SCRAM conversation: expects client-first, then client-final. */
    private final class ScramExchange implements Exchange {
        private final ScramHash hash;
        private String gs2Header;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private String username;
        private ScramCredential credential;
        private boolean done;

        ScramExchange(ScramHash hash) {
            this.hash = hash;
        }

        @Override
        public Step step(byte[] clientData) {
            if (done || clientData == null) {
                done = true;
                return Step.failure();
            }
            String message = new String(clientData, StandardCharsets.UTF_8);
            try {
                return serverFirst == null ? clientFirst(message) : clientFinal(message);
            } catch (RuntimeException malformed) {
                done = true;
                return Step.failure();
            }
        }

        private Step clientFirst(String message) {
            // gs2-header: "n,," or "y,," (no channel binding); "p=..." asks for binding, which is not offered
            if (!(message.startsWith("n,") || message.startsWith("y,"))) {
                done = true;
                return Step.failure();
            }
            int bareStart = message.indexOf(',', 2) + 1;
            gs2Header = message.substring(0, bareStart);
            clientFirstBare = message.substring(bareStart);
            Map<Character, String> attributes = attributes(clientFirstBare);
            username = decodeName(attributes.get('n'));
            String clientNonce = attributes.get('r');
            if (username == null || clientNonce == null || clientNonce.isEmpty()) {
                done = true;
                return Step.failure();
            }
            byte[] serverNonce = new byte[NONCE_BYTES];
            random.nextBytes(serverNonce);
            nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
            credential = credentials.get(key(hash, username));
            byte[] salt = credential != null
                    ? credential.salt()
                    : hash.hmac(fakeSaltKey, username.getBytes(StandardCharsets.UTF_8));
            int iterations = credential != null ? credential.iterations() : 4096;
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            return Step.proceed(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private Step clientFinal(String message) {
            done = true;
            int proofAt = message.lastIndexOf(",p=");
            if (proofAt < 0) {
                return Step.failure();
            }
            String withoutProof = message.substring(0, proofAt);
            Map<Character, String> attributes = attributes(message);
            String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
            if (!binding.equals(attributes.get('c')) || !nonce.equals(attributes.get('r')) || credential == null) {
                return Step.failure();
            }
            byte[] proof = Base64.getDecoder().decode(attributes.get('p'));
            byte[] authMessage =
                    (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = hash.hmac(credential.storedKey(), authMessage);
            if (proof.length != clientSignature.length) {
                return Step.failure();
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(hash.digest(clientKey), credential.storedKey())) {
                return Step.failure();
            }
            byte[] serverSignature = hash.hmac(credential.serverKey(), authMessage);
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
            return Step.success(serverFinal.getBytes(StandardCharsets.UTF_8), username);
        }

        /** The {@code x=value} attributes of a SCRAM message (values may contain '='). */
        private Map<Character, String> attributes(String message) {
            Map<Character, String> attributes = new HashMap<>();
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(1) == '=') {
                    attributes.putIfAbsent(part.charAt(0), part.substring(2));
                }
            }
            return attributes;
        }

        /** saslname: "=2C" is ',' and "=3D" is '='; any other '=' is malformed (RFC 5802 §5.1). */
        private String decodeName(String name) {
            if (name == null || name.isEmpty()) {
                return null;
            }
            String decoded = name.replace("=2C", ",").replace("=3D", "=");
            return name.replace("=2C", "").replace("=3D", "").contains("=") ? null : decoded;
        }
    }
}
