package io.cicada.broker.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads password files written by the real {@code mosquitto_passwd} (Debian package {@code mosquitto}), and checks
 * that files written by {@link PasswordFileEditor} are accepted line for line by the same parser Mosquitto users rely on.
 */
class MosquittoPasswdCompatibilityTest {

    private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    @TempDir
    Path dir;

    @Test
    void readsPbkdf2EntriesWrittenByMosquittoPasswd() throws Exception {
        Path file = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", file.toString(), "alice", "wonderland");
        mosquittoPasswd("-b", file.toString(), "bob", "pässwörd with spaces");

        assertThat(Files.readString(file)).contains("alice:$7$101$");
        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.verify("alice", utf8("wonderland"))).isTrue();
        assertThat(passwords.verify("bob", utf8("pässwörd with spaces"))).isTrue();
        assertThat(passwords.verify("alice", utf8("Wonderland"))).isFalse();
        assertThat(passwords.verify("carol", utf8("wonderland"))).isFalse();
        assertThat(passwords.verify("alice", null)).isFalse();
    }

    @Test
    void readsSaltedSha512EntriesWrittenByMosquittoPasswd() throws Exception {
        Path file = dir.resolve("passwd");
        mosquittoPasswd("-H", "sha512", "-c", "-b", file.toString(), "old", "timer");

        assertThat(Files.readString(file)).startsWith("old:$6$");
        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.verify("old", utf8("timer"))).isTrue();
        assertThat(passwords.verify("old", utf8("timer "))).isFalse();
    }

    @Test
    void mosquittoPasswdKeepsEntriesWrittenByTheEditorAndTheEditorKeepsItsEntries() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.open(file)
                .set("ours", "s3cret", PasswordHash.Algorithm.PBKDF2_SHA512)
                .set("argon", "s3cret", PasswordHash.Algorithm.ARGON2ID)
                .save();
        mosquittoPasswd("-b", file.toString(), "theirs", "other");
        PasswordFileEditor.open(file)
                .set("ours", "changed", PasswordHash.Algorithm.PBKDF2_SHA512)
                .save();

        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.size()).isEqualTo(3);
        assertThat(passwords.verify("ours", utf8("changed"))).isTrue();
        assertThat(passwords.verify("ours", utf8("s3cret"))).isFalse();
        assertThat(passwords.verify("argon", utf8("s3cret"))).isTrue();
        assertThat(passwords.verify("theirs", utf8("other"))).isTrue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void mosquittoPasswd(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(MOSQUITTO_PASSWD)) {
            fail(MOSQUITTO_PASSWD + " is missing: install the Debian package 'mosquitto' (.ci/run does)");
        }
        List<String> command = new ArrayList<>();
        command.add(MOSQUITTO_PASSWD.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("mosquitto_passwd did not finish in 20 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("mosquitto_passwd %s: %s", command, output)
                .isZero();
    }
}
