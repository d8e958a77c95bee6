package io.cicada.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.RatePolicy;
import io.cicada.broker.transport.limit.ConnectRate;
import io.cicada.broker.transport.limit.ConnectionLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The limit keys: per-client limits, connect rates, and per-listener max_connections / connect rates. */
class LimitsConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws IOException {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of(), List.of());
    }

    private String errorOf(String yaml) throws IOException {
        Path file = dir.resolve("cicada.yaml");
        Files.writeString(file, yaml);
        try {
            ConfigLoader.load(file, Map.of(), List.of());
        } catch (ConfigException e) {
            return e.getMessage().replace(file.toString(), "cicada.yaml");
        }
        throw new AssertionError("no ConfigException for:\n" + yaml);
    }

    @Test
    void clientLimitsReachTheBrokerSettings() throws IOException {
        ServerConfig config = load("""
                max_publish_rate: 100
                publish_rate_burst: 200
                max_publish_bytes_rate: 1_000_000
                publish_bytes_burst: 2_000_000
                rate_limit_policy: refuse
                max_subscriptions_per_client: 50
                max_topic_levels: 8
                max_topic_length: 256
                """);
        assertThat(config.broker().limits())
                .isEqualTo(new ClientLimits(100, 200, 1_000_000, 2_000_000, RatePolicy.REFUSE, 50, 8, 256));
    }

    @Test
    void defaultsAreNoLimitsAndPause() throws IOException {
        assertThat(load("").broker().limits()).isEqualTo(ClientLimits.none());
        assertThat(ClientLimits.none().ratePolicy()).isEqualTo(RatePolicy.PAUSE);
        assertThat(load("").security().connectionLimits()).isEqualTo(ConnectionLimits.none());
    }

    @Test
    void listenerEntriesTakeMaxConnectionsAndTheirOwnConnectRate() throws IOException {
        ServerConfig config = load("""
                max_connections: 1000
                max_connect_rate: 50
                connect_rate_burst: 100
                listeners:
                  - name: internal
                    port: 1883
                    max_connections: 10
                    max_connect_rate: 0
                  - name: public
                    host: 0.0.0.0
                    port: 8883
                    max_connect_rate: 5
                  - name: other
                    port: 1884
                """);
        ConnectionLimits limits = config.security().connectionLimits();
        assertThat(limits.total()).isEqualTo(1000);
        assertThat(limits.perListener()).isEqualTo(Map.of("internal", 10));
        assertThat(limits.connectRateOf("internal").limited()).isFalse();
        assertThat(limits.connectRateOf("public")).isEqualTo(new ConnectRate(5, 100));
        assertThat(limits.connectRateOf("other")).isEqualTo(new ConnectRate(50, 100));
    }

    @Test
    void badValuesNameFileLineAndWhatIsExpected() throws IOException {
        assertThat(errorOf("max_publish_rate: -1\n"))
                .isEqualTo("cicada.yaml:1: 'max_publish_rate' expects an integer 0..2147483647, got '-1'");
        assertThat(errorOf("receive_maximum: 10\nrate_limit_policy: drop\n"))
                .isEqualTo("cicada.yaml:2: 'rate_limit_policy' expects one of: pause, refuse, got 'drop'");
        assertThat(errorOf("max_topic_levels: 70000\n"))
                .isEqualTo("cicada.yaml:1: 'max_topic_levels' expects an integer 0..65535, got '70000'");
        assertThat(errorOf("listeners:\n  - name: a\n    port: 1\n    max_connect_rate: fast\n"))
                .isEqualTo("cicada.yaml:4: 'max_connect_rate' expects an integer 0..2147483647, got 'fast'");
        assertThat(errorOf("listeners:\n  - name: a\n    max_connections: 1\n    max_connections: 2\n"))
                .isEqualTo("cicada.yaml:4: duplicate key 'max_connections'");
        assertThat(errorOf("listeners:\n  - name: a\n    max_conections: 1\n"))
                .startsWith("cicada.yaml:3: unknown listener key 'max_conections'")
                .contains("max_connections, max_connect_rate, connect_rate_burst");
    }

    @Test
    void environmentAndFlagsSetTheLimitsToo() {
        ServerConfig config = ConfigLoader.load(
                null,
                Map.of("CICADA_MAX_SUBSCRIPTIONS_PER_CLIENT", "3", "CICADA_MAX_CONNECT_RATE", "7"),
                List.of("rate_limit_policy=refuse", "max_publish_rate=9"));
        assertThat(config.broker().limits().maxSubscriptions()).isEqualTo(3);
        assertThat(config.broker().limits().ratePolicy()).isEqualTo(RatePolicy.REFUSE);
        assertThat(config.broker().limits().maxPublishRate()).isEqualTo(9);
        assertThat(config.security().connectionLimits().connectRateOf("tcp")).isEqualTo(new ConnectRate(7, 0));
    }

    @Test
    void mosquittoConfKeepsPerListenerMaxConnectionsAndWarnsAboutCicadaOnlyKeys() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener 1883 127.0.0.1
                max_connections 5
                max_publish_rate 10
                allow_anonymous true
                """);
        Logger logger = (Logger) LoggerFactory.getLogger(MosquittoConfigReader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ServerConfig config;
        try {
            config = ConfigLoader.load(conf, Map.of(), List.of());
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(config.security().connectionLimits().perListener()).containsEntry("listener-1883", 5);
        assertThat(config.broker().limits()).isEqualTo(ClientLimits.none());
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains(":3:") && line.contains("'max_publish_rate' is ignored"));
    }
}
