package io.cicada.tests.connect;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677) as a HiveMQ MQTT Client enhanced-auth mechanism, computed here
 * with the JDK's PBKDF2 and HMAC only, so that the broker's SCRAM code is checked against an independent client
 * half. Records what the client saw: verified server signatures, rejections and errors. Called on the HiveMQ client's
 * threads; the test reads the records after the call that triggered them has returned.
 */
final class ScramMechanism implements Mqtt5EnhancedAuthMechanism {
    private final String method;
    private final String username;
    private volatile String password;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    final List<String> events = new ArrayList<>();

    ScramMechanism(String method, String username, String password) {
        this.method = method;
        this.username = username;
        this.password = password;
    }

    /** A credentials-file line for {@code username}, derived with the JDK: user:METHOD:iterations:salt:stored:server. */
    static String credentialLine(String method, String username, String password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] salted = salted(method, password, salt, iterations);
        byte[] clientKey = hmac(method, salted, "Client Key");
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join(
                ":",
                username,
                method,
                Integer.toString(iterations),
                b64.encodeToString(salt),
                b64.encodeToString(digest(method, clientKey)),
                b64.encodeToString(hmac(method, salted, "Server Key")));
    }

    /** The password the next exchange (a re-authentication) proves. */
    void password(String password) {
        this.password = password;
    }

    @Override
    public MqttUtf8String getMethod() {
        return MqttUtf8String.of(method);
    }

    @Override
    public int getTimeout() {
        return 10;
    }

    @Override
    public CompletableFuture<Void> onAuth(
            Mqtt5ClientConfig config, Mqtt5Connect connect, Mqtt5EnhancedAuthBuilder auth) {
        auth.data(clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder auth) {
        auth.data(clientFirst());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth, Mqtt5AuthBuilder reply) {
        events.add("continue " + auth.getReasonCode().getCode() + " " + auth.getMethod());
        reply.data(clientFinal(bytes(auth.getData())));
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        boolean verified = verify(connAck.getEnhancedAuth().flatMap(Mqtt5EnhancedAuth::getData));
        events.add("success verified=" + verified);
        return CompletableFuture.completedFuture(verified);
    }

    @Override
    public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
        boolean verified = verify(auth.getData());
        events.add("reauth success verified=" + verified);
        return CompletableFuture.completedFuture(verified);
    }

    @Override
    public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        events.add("rejected " + connAck.getReasonCode().getCode());
    }

    @Override
    public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
        events.add("reauth rejected " + disconnect.getReasonCode().getCode());
    }

    @Override
    public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {
        events.add("error " + cause);
    }

    @Override
    public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {
        events.add("reauth error " + cause);
    }

    private byte[] clientFirst() {
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        clientFirstBare = "n=" + username + ",r=" + Base64.getEncoder().encodeToString(nonce);
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] clientFinal(byte[] serverFirstData) {
        String serverFirst = new String(serverFirstData, StandardCharsets.UTF_8);
        String nonce = field(serverFirst, 'r');
        byte[] salt = Base64.getDecoder().decode(field(serverFirst, 's'));
        int iterations = Integer.parseInt(field(serverFirst, 'i'));
        if (!nonce.startsWith(field(clientFirstBare, 'r'))) {
            throw new IllegalStateException("server nonce does not extend the client nonce: " + serverFirst);
        }
        String withoutProof = "c=biws,r=" + nonce; // biws = Base64("n,,"): no channel binding
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = salted(method, password, salt, iterations);
        byte[] clientKey = hmac(method, salted, "Client Key");
        byte[] signature = hmac(method, digest(method, clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        expectedServerSignature = hmac(method, hmac(method, salted, "Server Key"), authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    private boolean verify(Optional<ByteBuffer> serverFinal) {
        if (serverFinal.isEmpty() || expectedServerSignature == null) {
            return false;
        }
        String text = new String(bytes(serverFinal), StandardCharsets.UTF_8);
        return text.startsWith("v=")
                && MessageDigest.isEqual(Base64.getDecoder().decode(text.substring(2)), expectedServerSignature);
    }

    private static String field(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalStateException("no " + name + "= in " + message);
    }

    private static byte[] bytes(Optional<ByteBuffer> data) {
        ByteBuffer buffer = data.orElseThrow().duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static String jdk(String method) {
        return method.endsWith("512") ? "SHA512" : "SHA256";
    }

    private static byte[] salted(String method, String password, byte[] salt, int iterations) {
        try {
            int bits = method.endsWith("512") ? 512 : 256;
            return SecretKeyFactory.getInstance("PBKDF2WithHmac" + jdk(method))
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String method, byte[] key, String text) {
        return hmac(method, key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String method, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("Hmac" + jdk(method));
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String method, byte[] data) {
        try {
            return MessageDigest.getInstance(method.endsWith("512") ? "SHA-512" : "SHA-256")
                    .digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
