package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.ScramCredential;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cicada passwd --scram} as a process: it writes the lines {@code scram_credentials_file} reads, one per user
 * and method, whose keys prove the password; replaces and deletes lines and refuses an unknown method.
 */
class PasswdScramTest {
    @TempDir
    Path dir;

    @Test
    void writesReplacesAndDeletesScramCredentials() throws Exception {
        Path file = dir.resolve("scram");
        String path = file.toString();
        assertThat(CliProcess.run("passwd", "-c", "-b", "--scram", "SCRAM-SHA-256", path, "alice", "secret")
                        .exitCode())
                .isZero();
        assertThat(CliProcess.run("passwd", "-b", "--scram", "scram-sha-512", path, "alice", "secret")
                        .exitCode())
                .isZero();
        assertThat(CliProcess.runWithInput("other\n", "passwd", "--scram", "SCRAM-SHA-256", path, "bob")
                        .exitCode())
                .isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(proves(lines.get(0), "secret")).isTrue();
        assertThat(ScramCredential.parse(lines.get(0)).hash()).isEqualTo(ScramHash.SHA_256);
        assertThat(ScramCredential.parse(lines.get(1)).hash()).isEqualTo(ScramHash.SHA_512);
        assertThat(proves(lines.get(1), "secret")).isTrue();
        assertThat(proves(lines.get(2), "other")).isTrue();
        assertThat(proves(lines.get(2), "secret")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        // a new password replaces alice's SHA-256 line in place
        assertThat(CliProcess.run("passwd", "-b", "--scram", "SCRAM-SHA-256", path, "alice", "changed")
                        .exitCode())
                .isZero();
        lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(proves(lines.get(0), "changed")).isTrue();

        assertThat(CliProcess.run("passwd", "-D", "--scram", "SCRAM-SHA-512", path, "alice")
                        .exitCode())
                .isZero();
        assertThat(Files.readAllLines(file)).hasSize(2).noneMatch(l -> l.startsWith("alice:SCRAM-SHA-512:"));

        CliProcess.Result unknown = CliProcess.run("passwd", "-b", "--scram", "SCRAM-SHA-1", path, "carol", "x");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        CliProcess.Result missing = CliProcess.run("passwd", "-D", "--scram", "SCRAM-SHA-512", path, "bob");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
    }

    /** True when the line's stored key is H(HMAC(SaltedPassword(password), "Client Key")) (RFC 5802 §3). */
    private static boolean proves(String line, String password) throws Exception {
        ScramCredential credential = ScramCredential.parse(line);
        boolean sha512 = credential.hash() == ScramHash.SHA_512;
        SecretKeyFactory pbkdf2 =
                SecretKeyFactory.getInstance(sha512 ? "PBKDF2WithHmacSHA512" : "PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(
                        password.toCharArray(), credential.salt(), credential.iterations(), sha512 ? 512 : 256))
                .getEncoded();
        Mac mac = Mac.getInstance(sha512 ? "HmacSHA512" : "HmacSHA256");
        mac.init(new SecretKeySpec(salted, mac.getAlgorithm()));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey =
                MessageDigest.getInstance(sha512 ? "SHA-512" : "SHA-256").digest(clientKey);
        return MessageDigest.isEqual(storedKey, credential.storedKey());
    }
}
