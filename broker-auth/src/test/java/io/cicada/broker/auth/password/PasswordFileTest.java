package io.cicada.broker.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path dir;

    private final ExecutorService hashing = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        hashing.shutdownNow();
    }

    @Test
    void badLineNamesFileAndLine() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "# users\n\nalice:$6$c2FsdA==$aGFzaA==\nbob-without-hash\n");

        assertThatThrownBy(() -> PasswordFile.load(file)).hasMessage(file + ":4: expected 'user:hash'");
    }

    @Test
    void editorWritesOwnerOnlyFileAndRemovesUsers() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.open(file)
                .set("a", "1", PasswordHash.Algorithm.SHA512)
                .save();
        PasswordFileEditor editor = PasswordFileEditor.open(file).set("b", "2", PasswordHash.Algorithm.SHA512);

        assertThat(editor.remove("a")).isTrue();
        assertThat(editor.remove("a")).isFalse();
        editor.save();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.contains("a")).isFalse();
        assertThat(passwords.verify("b", "2".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThatThrownBy(() -> PasswordFileEditor.open(file).set("x:y", "1", PasswordHash.Algorithm.SHA512))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authenticatorRefusesWrongPasswordAndUnknownUserAndAcceptsAnonymous() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.open(file)
                .set("alice", "pw", PasswordHash.Algorithm.SHA512)
                .save();
        PasswordAuthenticator authenticator = new PasswordAuthenticator(file, hashing);

        assertThat(decide(authenticator, "alice", "pw")).isEqualTo(ReasonCode.SUCCESS);
        assertThat(decide(authenticator, "alice", "wrong")).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(decide(authenticator, "mallory", "pw")).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(decide(authenticator, "alice", null)).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(decide(authenticator, null, null)).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    void reloadPicksUpNewUsersAndKeepsOldOnesWhenTheFileIsBroken() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.open(file)
                .set("alice", "pw", PasswordHash.Algorithm.SHA512)
                .save();
        PasswordAuthenticator authenticator = new PasswordAuthenticator(file, hashing);

        PasswordFileEditor.open(file)
                .set("bob", "pw", PasswordHash.Algorithm.SHA512)
                .save();
        assertThat(authenticator.reload()).isTrue();
        assertThat(decide(authenticator, "bob", "pw")).isEqualTo(ReasonCode.SUCCESS);

        Files.writeString(file, "garbage\n");
        assertThat(authenticator.reload()).isFalse();
        assertThat(decide(authenticator, "bob", "pw")).isEqualTo(ReasonCode.SUCCESS);
    }

    private static int decide(PasswordAuthenticator authenticator, String user, String password) {
        byte[] bytes = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        return authenticator
                .authenticate(new ConnectCredentials("c", user, bytes, "127.0.0.1:1", "tcp", MqttVersion.MQTT_5))
                .toCompletableFuture()
                .join();
    }
}
