package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path SHIPPED = Path.of("../conf/cicada.yaml");

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("cicada.yaml"), yaml);
    }

    private ServerConfig load(String yaml) throws IOException {
        return ConfigLoader.load(file(yaml), Map.of(), List.of());
    }

    private String errorOf(String yaml) throws IOException {
        Path path = file(yaml);
        try {
            ConfigLoader.load(path, Map.of(), List.of());
        } catch (ConfigException e) {
            return e.getMessage().replace(path.toString(), "cicada.yaml");
        }
        throw new AssertionError("no ConfigException for:\n" + yaml);
    }

    @Test
    void shippedFileLoadsAndEqualsTheDefaults() {
        assertThat(ConfigLoader.load(SHIPPED, Map.of(), List.of())).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void shippedFileDocumentsEveryKey() throws IOException {
        String shipped = Files.readString(SHIPPED);
        for (String key : ConfigLoader.keyNames()) {
            assertThat(shipped).as("key %s", key).containsPattern("(?m)^" + key + ":");
        }
    }

    @Test
    void noFileAndAnEmptyFileGiveTheDefaults() throws IOException {
        assertThat(ConfigLoader.load(null, Map.of(), List.of())).isEqualTo(ServerConfig.defaults());
        assertThat(load("")).isEqualTo(ServerConfig.defaults());
        assertThat(load("# only a comment\n")).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void valuesFromTheFileReachTheSettings() throws IOException {
        ServerConfig config = load("""
                transport: nio
                max_packet_size: 268_435_460
                receive_maximum: 20
                queue_qos0_messages: true
                max_session_expiry: 4294967295
                maximum_qos: 1
                assigned_client_id_prefix: "gen-"
                write_buffer_low_water_mark: 1024
                write_buffer_high_water_mark: 2048
                """);

        BrokerSettings expected = BrokerSettings.builder()
                .receiveMaximum(20)
                .queueQos0Offline(true)
                .maximumQos(1)
                .assignedClientIdPrefix("gen-")
                .build();
        assertThat(config.broker()).isEqualTo(expected);
        assertThat(config.transport().kind()).isEqualTo(TransportKind.NIO);
        assertThat(config.transport().writeBufferLowWaterMark()).isEqualTo(1024);
        assertThat(config.transport().writeBufferHighWaterMark()).isEqualTo(2048);
    }

    @Test
    void listenersAreReadWithDefaultsForMissingFields() throws IOException {
        ServerConfig config = load("""
                listeners:
                  - name: local
                    port: 1884
                  - name: public
                    type: tcp
                    host: 0.0.0.0
                    port: 0
                """);

        assertThat(config.transport().listeners())
                .containsExactly(
                        ListenerSettings.tcp("local", "127.0.0.1", 1884), ListenerSettings.tcp("public", "0.0.0.0", 0));
    }

    @Test
    void unknownKeyNamesFileLineAndTheExpectedKeys() throws IOException {
        String error = errorOf("""
                # comment
                receive_maximum: 10

                max_packet_sise: 1024
                """);

        assertThat(error)
                .startsWith("cicada.yaml:4: unknown key 'max_packet_sise' (expected one of: listeners, "
                        + "transport, write_buffer_low_water_mark, write_buffer_high_water_mark, max_packet_size, ");
        assertThat(error).contains(", allow_anonymous").endsWith(")");
    }

    @Test
    void badValueNamesFileLineKeyRangeAndTheValue() throws IOException {
        assertThat(errorOf("""
                listeners:
                  - name: tcp
                    host: 127.0.0.1
                    port: abc
                """)).isEqualTo("cicada.yaml:4: 'port' expects an integer 0..65535, got 'abc'");
        assertThat(errorOf("sys_interval: 5\nmaximum_qos: 3\n"))
                .isEqualTo("cicada.yaml:2: 'maximum_qos' expects an integer 0..2, got '3'");
        assertThat(errorOf("retain_available: yes\n"))
                .isEqualTo("cicada.yaml:1: 'retain_available' expects true or false, got 'yes'");
        assertThat(errorOf("transport: kqueue\n"))
                .isEqualTo("cicada.yaml:1: 'transport' expects one of: auto, epoll, nio, got 'kqueue'");
        assertThat(errorOf("connect_timeout:\n"))
                .isEqualTo("cicada.yaml:1: 'connect_timeout' expects an integer 1..3600, got nothing");
        assertThat(errorOf("max_client_id_length: 22\n"))
                .isEqualTo("cicada.yaml:1: 'max_client_id_length' expects an integer 23..65535, got '22'");
        assertThat(errorOf("sys_interval: [1, 2]\n"))
                .isEqualTo("cicada.yaml:1: 'sys_interval' expects an integer 0..86400, got a list");
        assertThat(errorOf("max_queued_bytes: 1.5\n"))
                .startsWith("cicada.yaml:1: 'max_queued_bytes' expects an integer 0..");
    }

    @Test
    void sharedSubscriptionStrategyMustBeKnown() throws IOException {
        assertThat(errorOf("shared_subscription_strategy: fastest\n"))
                .isEqualTo("cicada.yaml:1: 'shared_subscription_strategy' expects one of: "
                        + "round_robin, random, sticky, least_inflight, got 'fastest'");
    }

    @Test
    void listenerMistakesAreReportedWithTheirLine() throws IOException {
        assertThat(errorOf("listeners:\n  - name: a\n    adress: 0.0.0.0\n"))
                .startsWith("cicada.yaml:3: unknown listener key 'adress' (expected one of: name, type, host, port, ");
        assertThat(errorOf("listeners:\n  - name: a\n    type: quic\n"))
                .startsWith("cicada.yaml:3: 'type' expects one of: tcp, ws");
        assertThat(errorOf("listeners:\n  - port: 1\n  - port: 2\n"))
                .isEqualTo("cicada.yaml:3: duplicate listener name 'tcp'");
        assertThat(errorOf("listeners: []\n")).isEqualTo("cicada.yaml:1: 'listeners' needs at least one listener");
        assertThat(errorOf("listeners: 1883\n")).startsWith("cicada.yaml:1: 'listeners' expects a list of listeners");
    }

    @Test
    void duplicateKeysAndBadStructureAreRefused() throws IOException {
        assertThat(errorOf("sys_interval: 1\nsys_interval: 2\n"))
                .isEqualTo("cicada.yaml:2: duplicate key 'sys_interval'");
        assertThat(errorOf("- a\n- b\n")).startsWith("cicada.yaml:1: expected 'key: value' lines at the top level");
        assertThat(errorOf("sys_interval: 1\nmaximum_qos: \"2\n"))
                .isEqualTo(
                        "cicada.yaml:3: not valid YAML: found unexpected end of stream (while scanning a quoted scalar)");
    }

    @Test
    void waterMarksMustBeOrdered() throws IOException {
        assertThat(errorOf("write_buffer_low_water_mark: 100000\n"))
                .isEqualTo("cicada.yaml:1: 'write_buffer_low_water_mark' (100000) must not be above "
                        + "'write_buffer_high_water_mark' (65536)");
    }

    @Test
    void missingFileIsOneClearLine() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read configuration file " + missing + ": no such file");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path path = file("sys_interval: 30\nmax_inflight_messages: 7\n");

        ServerConfig config = ConfigLoader.load(
                path, Map.of("CICADA_SYS_INTERVAL", "5", "CICADA_TRANSPORT", "nio", "CICADA_HOME", "/opt"), List.of());

        assertThat(config.broker().sysIntervalSeconds()).isEqualTo(5);
        assertThat(config.broker().maxInflightMessages()).isEqualTo(7);
        assertThat(config.transport().kind()).isEqualTo(TransportKind.NIO);
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("CICADA_SYS_INTERVAL", "often")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable CICADA_SYS_INTERVAL: 'sys_interval' expects an integer 0..86400, "
                        + "got 'often'");
    }

    @Test
    void listenersCannotComeFromTheEnvironment() {
        assertThatThrownBy(() -> ConfigLoader.fromEnvironment(Map.of("CICADA_LISTENERS", "tcp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable CICADA_LISTENERS: 'listeners' cannot be set");
    }

    @Test
    void commandLineOverridesWinOverEnvironmentAndFile() throws IOException {
        Path path = file("sys_interval: 30\n");

        ServerConfig config = ConfigLoader.load(
                path, Map.of("CICADA_SYS_INTERVAL", "5"), List.of("sys_interval=1", "allow_anonymous=false"));

        assertThat(config.broker().sysIntervalSeconds()).isEqualTo(1);
        assertThat(config.broker().allowAnonymous()).isFalse();
    }

    @Test
    void badCommandLineOverridesAreReported() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), List.of("sys_intervall=1")))
                .hasMessageStartingWith(
                        "--set sys_intervall=1: unknown key 'sys_intervall' (expected one of: transport,");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), List.of("sys_interval")))
                .hasMessage("--set sys_interval: expected KEY=VALUE, such as sys_interval=5");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), List.of("maximum_qos=9")))
                .hasMessage("--set maximum_qos=9: 'maximum_qos' expects an integer 0..2, got '9'");
    }

    @Test
    void firstListenerAddressCanBeReplaced() {
        ServerConfig moved = ServerConfig.defaults().withFirstListenerAddress(null, 0);

        assertThat(moved.transport().listeners()).containsExactly(ListenerSettings.tcp("tcp", "127.0.0.1", 0));
    }

    @Test
    void retainedLimitsApplyInMemoryModeToo() throws IOException {
        ServerConfig config = load("""
                persistence: memory
                max_retained_messages: 10
                max_retained_bytes: 4096
                """);

        assertThat(config.persistence().durable()).isFalse();
        assertThat(config.persistence().maxRetainedMessages()).isEqualTo(10);
        assertThat(config.persistence().maxRetainedBytes()).isEqualTo(4096);
        assertThat(errorOf("max_retained_bytes: -1\n"))
                .startsWith("cicada.yaml:1:")
                .contains("max_retained_bytes");
    }
}
