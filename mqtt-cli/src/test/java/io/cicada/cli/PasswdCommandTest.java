package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.password.PasswordHash;
import io.cicada.server.Broker;
import io.cicada.server.config.ConfigLoader;
import io.cicada.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cicada passwd} as a process: creating, adding, reading the password from standard input, deleting, and a
 * file that Mosquitto itself then accepts for logins.
 */
class PasswdCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsAddsAndDeletesUsersWithMosquittoCompatibleHashes() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(CliProcess.run("passwd", "-c", "-b", file.toString(), "alice", "secret")
                        .exitCode())
                .isZero();
        assertThat(CliProcess.run("passwd", "-b", file.toString(), "bob", "hunter2")
                        .exitCode())
                .isZero();
        assertThat(CliProcess.runWithInput("from-stdin\n", "passwd", file.toString(), "carol")
                        .exitCode())
                .isZero();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("alice", "bob", "carol");
        assertThat(lines).allMatch(l -> l.contains(":$7$"));
        assertThat(hashOf(lines, "alice").matches("secret".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(hashOf(lines, "carol").matches("from-stdin".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        assertThat(CliProcess.run("passwd", "-D", file.toString(), "bob").exitCode())
                .isZero();
        assertThat(Files.readAllLines(file)).noneMatch(l -> l.startsWith("bob:"));

        CliProcess.Result missing = CliProcess.run("passwd", "-D", file.toString(), "bob");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(missing.stderr()).containsExactly("cicada passwd: user bob not found in " + file);
    }

    @Test
    void argon2idOnRequestAndUsageErrors() throws Exception {
        Path file = dir.resolve("argon");
        assertThat(CliProcess.run("passwd", "-c", "-b", "-H", "argon2id", file.toString(), "dave", "pw")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(file)).startsWith("dave:$argon2id$");

        assertThat(CliProcess.run("passwd", "-c", "-D", file.toString(), "dave").exitCode())
                .isEqualTo(ExitCode.USAGE);
        CliProcess.Result noFile =
                CliProcess.run("passwd", "-b", dir.resolve("none").toString(), "x", "y");
        assertThat(noFile.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(noFile.stderr().get(0)).contains("does not exist (use -c to create it)");
    }

    @Test
    void mosquittoAcceptsTheFileItWrites() throws Exception {
        // Mosquitto started as root drops to its own user: the file must be readable by others here.
        Path shared = Files.createTempDirectory(
                "cicada-passwd", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = shared.resolve("for-mosquitto");
        assertThat(CliProcess.run("passwd", "-c", "-b", file.toString(), "erin", "open sesame")
                        .exitCode())
                .isZero();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (MosquittoBroker mosquitto =
                MosquittoBroker.start("allow_anonymous false", "password_file " + file.toAbsolutePath())) {
            String port = Integer.toString(mosquitto.port());
            CliProcess.Result ok = CliProcess.run(
                    "pub", "-h", "127.0.0.1", "-p", port, "-u", "erin", "-P", "open sesame", "-t", "t", "-m", "in");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();

            CliProcess.Result wrong = CliProcess.run(
                    "pub",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    port,
                    "-V",
                    "5",
                    "-u",
                    "erin",
                    "-P",
                    "wrong",
                    "-t",
                    "t",
                    "-m",
                    "in");
            assertThat(wrong.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(wrong.stderr().get(0)).matches("cicada pub: connection refused: .* \\(0x8[67]\\)");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(shared);
        }
    }

    @Test
    void upgradeHashesEveryPlainTextPasswordThatMosquittoAndCicadaThenAccept() throws Exception {
        Path shared = Files.createTempDirectory(
                "cicada-passwd", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = shared.resolve("plain");
        String frank = "frank:"
                + PasswordHash.create("already", PasswordHash.Algorithm.PBKDF2_SHA512)
                        .encode();
        Files.writeString(file, "# users of the plant\nerin:open-sesame\n" + frank + "\n\ngina:pw:with:colons\n");
        try {
            CliProcess.Result upgraded = CliProcess.run("passwd", "-U", file.toString());
            assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();

            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).isEqualTo("# users of the plant");
            assertThat(lines).contains(frank, "");
            assertThat(hashOf(lines, "erin").matches("open-sesame".getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            assertThat(hashOf(lines, "gina").matches("pw:with:colons".getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            assertThat(lines)
                    .filteredOn(l -> l.startsWith("erin:") || l.startsWith("gina:"))
                    .allMatch(l -> l.contains(":$7$"));
            // Hashed entries are left alone: a second run changes nothing.
            assertThat(CliProcess.run("passwd", "-U", file.toString()).exitCode())
                    .isZero();
            assertThat(Files.readAllLines(file)).isEqualTo(lines);

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            try (MosquittoBroker mosquitto =
                    MosquittoBroker.start("allow_anonymous false", "password_file " + file.toAbsolutePath())) {
                assertLoginsWithTheUpgradedFile(mosquitto.host(), mosquitto.port());
            }
            Path config = shared.resolve("cicada.yaml");
            Files.writeString(config, "password_file: " + file.toAbsolutePath() + "\n");
            try (Broker cicada = Broker.builder()
                    .config(ConfigLoader.load(config, Map.of(), List.of()))
                    .host("127.0.0.1")
                    .port(0)
                    .build()
                    .start()) {
                assertLoginsWithTheUpgradedFile("127.0.0.1", cicada.port());
            }
        } finally {
            try (var files = Files.list(shared)) {
                for (Path each : files.toList()) {
                    Files.deleteIfExists(each);
                }
            }
            Files.deleteIfExists(shared);
        }
    }

    @Test
    void upgradeRefusesALineThatIsNotUserColonPassword() throws Exception {
        Path file = dir.resolve("broken");
        Files.writeString(file, "erin:plain\nno colon here\n");
        CliProcess.Result result = CliProcess.run("passwd", "-U", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.stderr()).containsExactly("cicada passwd: " + file + ":2: expected 'user:password'");
        assertThat(Files.readString(file)).isEqualTo("erin:plain\nno colon here\n"); // left as it was
        assertThat(CliProcess.run("passwd", "-U", file.toString(), "erin").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    /** {@code -L} with the user and password in the URL: the right password logs in, a wrong one is refused. */
    private static void assertLoginsWithTheUpgradedFile(String host, int port) {
        String base = "mqtt://%s@" + host + ":" + port + "/plant/status";
        CliProcess.Result ok = CliProcess.run("pub", "-L", base.formatted("erin:open-sesame"), "-m", "up");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        CliProcess.Result colons = CliProcess.run("pub", "-L", base.formatted("gina:pw:with:colons"), "-m", "up");
        assertThat(colons.exitCode()).as(colons.toString()).isZero();
        CliProcess.Result wrong = CliProcess.run("pub", "-V", "5", "-L", base.formatted("erin:wrong"), "-m", "up");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.REFUSED);
    }

    private static PasswordHash hashOf(List<String> lines, String user) {
        String line =
                lines.stream().filter(l -> l.startsWith(user + ":")).findFirst().orElseThrow();
        return PasswordHash.parse(line.substring(user.length() + 1));
    }
}
