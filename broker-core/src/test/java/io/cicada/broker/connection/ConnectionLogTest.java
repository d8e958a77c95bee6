package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static io.cicada.broker.connection.Packets.withKeepAlive;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cicada.broker.BrokerSettings;
import io.cicada.mqtt.packet.Disconnect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One INFO line per connect and per disconnect, with the reason; never a payload. */
class ConnectionLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Connection.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final CoreHarness harness = new CoreHarness();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    private List<String> lines() {
        return appender.list.stream()
                .filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void connectAndKeepAliveTimeoutAreOneLineEach() {
        TestClient client = harness.client();
        client.connect(withKeepAlive(connect5("c1"), 60));
        harness.advance(Duration.ofSeconds(91));
        assertThat(lines())
                .containsExactly(
                        "client 'c1' connected from " + client.outbound().remoteAddress()
                                + " via tcp (MQTT 5.0, clean start, keep-alive 60 s)",
                        "client 'c1' disconnected: keep-alive timeout (0x8D Keep Alive timeout)");
    }

    @Test
    void normalDisconnectAndLostConnectionSayWhichItWas() {
        TestClient a = harness.client();
        a.connect(connect311("a"));
        a.send(Disconnect.NORMAL);
        TestClient b = harness.client();
        b.connect(connect311("b"));
        b.dropConnection();
        assertThat(lines())
                .contains(
                        "client 'a' disconnected: client sent DISCONNECT", "client 'b' disconnected: connection lost");
    }

    @Test
    void refusedConnectIsOneLineWithTheReasonCode() {
        CoreHarness strict = new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .allowAnonymous(false)
                .build());
        TestClient client = strict.client();
        client.connect(connect5("anon"));
        assertThat(lines())
                .containsExactly("client 'anon' refused from "
                        + client.outbound().remoteAddress() + " via tcp: 0x87 Not authorized");
    }

    @Test
    void payloadsNeverReachTheLog() {
        TestClient client = harness.client();
        client.connect(connect311("c"));
        client.send(subscribe(1, "t", 0), publish("t", 0, 0, "top-secret-payload"));
        client.send(new io.cicada.mqtt.packet.SubAck(1, List.of(0), io.cicada.mqtt.packet.Properties.EMPTY));
        assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().contains("top-secret-payload"));
    }
}
