package io.cicada.broker.auth;

import io.cicada.broker.auth.ScramCredential.ScramHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client half of a SCRAM exchange (RFC 5802), for command-line tools and tests that authenticate to Cicada with
 * SCRAM-SHA-256 or SCRAM-SHA-512. One instance per exchange; not thread-safe.
 */
public final class ScramClient {
    private final ScramHash hash;
    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    public ScramClient(ScramHash hash, String username, String password) {
        this.hash = hash;
        this.username = username;
        this.password = password;
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** The MQTT Authentication Method. */
    public String method() {
        return hash.method();
    }

    /** client-first-message, the CONNECT's Authentication Data. */
    public byte[] clientFirst() {
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** client-final-message for the server-first-message; throws if the server's nonce does not extend ours. */
    public byte[] clientFinal(byte[] serverFirstData) {
        String serverFirst = new String(serverFirstData, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            switch (part.charAt(0)) {
                case 'r' -> nonce = part.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(part.substring(2));
                case 'i' -> iterations = Integer.parseInt(part.substring(2));
                default -> {}
            }
        }
        if (nonce == null || !nonce.startsWith(clientNonce) || salt == null || iterations <= 0) {
            throw new IllegalArgumentException("bad server-first-message: " + serverFirst);
        }
        String withoutProof =
                "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] authMessage =
                (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = hash.saltedPassword(password, salt, iterations);
        byte[] clientKey = hash.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] clientSignature = hash.hmac(hash.digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hash.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = hash.hmac(serverKey, authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** True when the server-final-message proves that the server knows the credential (mutual authentication). */
    public boolean verifyServerFinal(byte[] serverFinalData) {
        String serverFinal = new String(serverFinalData, StandardCharsets.UTF_8);
        return serverFinal.startsWith("v=")
                && MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)), expectedServerSignature);
    }
}
