package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cicada.server.Broker;
import io.cicada.server.config.ConfigLoader;
import io.cicada.testkit.MosquittoClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same mosquitto.conf, password file (written by {@code mosquitto_passwd}) and ACL file against the real
 * Mosquitto and against Cicada, and checks that {@code mosquitto_pub} / {@code mosquitto_sub} get the same outcome from
 * both for every case: right and wrong password, unknown user, anonymous, allowed publish and subscribe.
 *
 * <p>One difference is deliberate: Mosquitto 2.0 grants a SUBSCRIBE that its ACL denies and then delivers nothing,
 * while Cicada refuses it in the SUBACK (0x80, or 0x87 in MQTT 5), so the client learns why it gets nothing.
 */
class MosquittoSideBySideTest {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    @TempDir
    Path dir;

    @Test
    void sameFilesGiveTheSameOutcomesAsMosquitto() throws Exception {
        if (!Files.isExecutable(MOSQUITTO) || !Files.isExecutable(MOSQUITTO_PASSWD)) {
            fail("install the Debian package 'mosquitto' (.ci/run does)");
        }
        Path passwd = dir.resolve("passwd");
        run(MOSQUITTO_PASSWD.toString(), "-c", "-b", passwd.toString(), "alice", "secret");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\ntopic read public/#\n");
        // Mosquitto started as root drops to the 'mosquitto' user, which must be able to read the files.
        for (Path p : List.of(dir, passwd, acl)) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }

        int mosquittoPort = freePort();
        Path mosquittoConf = writeConf("mosquitto-side.conf", mosquittoPort, passwd, acl);
        Path cicadaConf = writeConf("cicada-side.conf", 0, passwd, acl);
        Process mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", mosquittoConf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        try (Broker cicada = Broker.builder()
                .config(ConfigLoader.load(cicadaConf, Map.of(), List.of()))
                .build()
                .start()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accepts(mosquittoPort));
            Map<String, Integer> expected = outcomes(MosquittoClients.forBroker("127.0.0.1", mosquittoPort));
            Map<String, Integer> actual = outcomes(MosquittoClients.forBroker("127.0.0.1", cicada.port()));

            assertThat(actual).isEqualTo(expected);
            assertThat(expected.get("alice publishes alice/x")).isZero();
            assertThat(expected.get("wrong password")).isEqualTo(5); // CONNACK 5, not authorized

            String[] denied = {"-u", "alice", "-P", "secret", "-t", "bob/#", "-C", "1", "-W", "2"};
            try (MosquittoClients.Subscriber refused =
                    MosquittoClients.forBroker("127.0.0.1", cicada.port()).subscribe(denied)) {
                // mosquitto_sub gives up at once on a refused subscription instead of waiting out -W (exit code 27).
                assertThat(refused.awaitExit(Duration.ofSeconds(10))).isNotEqualTo(27);
            }
        } finally {
            mosquitto.destroy();
            if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
        }
    }

    private Path writeConf(String name, int port, Path passwd, Path acl) throws IOException {
        Path conf = dir.resolve(name);
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "per_listener_settings false",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous false",
                        "password_file " + passwd,
                        "acl_file " + acl,
                        "max_keepalive 120",
                        ""));
        conf.toFile().setReadable(true, false);
        return conf;
    }

    /** Exit codes of one client run per case. */
    private static Map<String, Integer> outcomes(MosquittoClients clients) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("alice publishes alice/x", pub(clients, "-u", "alice", "-P", "secret", "-t", "alice/x"));
        codes.put("alice publishes v5", pub(clients, "-V", "5", "-u", "alice", "-P", "secret", "-t", "alice/y"));
        codes.put("wrong password", pub(clients, "-u", "alice", "-P", "nope", "-t", "alice/x"));
        codes.put("unknown user", pub(clients, "-u", "mallory", "-P", "secret", "-t", "alice/x"));
        codes.put("anonymous", pub(clients, "-t", "alice/x"));
        codes.put("alice subscribes public/#", sub(clients, "-u", "alice", "-P", "secret", "-t", "public/#"));
        return codes;
    }

    private static int pub(MosquittoClients clients, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("-m", "x", "-q", "1"));
        return clients.publish(all.toArray(String[]::new)).exitCode();
    }

    /** A subscription that either is refused (mosquitto_sub exits) or times out after 2 s waiting for a message. */
    private static int sub(MosquittoClients clients, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("-C", "1", "-W", "2"));
        try (MosquittoClients.Subscriber subscriber = clients.subscribe(all.toArray(String[]::new))) {
            return subscriber.awaitExit(Duration.ofSeconds(10));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
