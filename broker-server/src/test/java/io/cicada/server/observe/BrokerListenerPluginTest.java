package io.cicada.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cicada.broker.observe.BrokerListener.ClientConnected;
import io.cicada.broker.observe.BrokerListener.ClientDisconnected;
import io.cicada.broker.observe.BrokerListener.MessagePublished;
import io.cicada.server.Broker;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broker listeners loaded from {@code META-INF/services} (this module's test class path names a recording and a
 * throwing one) hear a real client's connect, publish and disconnect over a socket, with every field, on the listener
 * thread, in order; the throwing listener harms neither the other listener nor the broker.
 */
class BrokerListenerPluginTest {

    /** CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "L", user name "u". */
    private static final String CONNECT = "101000044d5154540482003c00014c000175";
    /** PUBLISH QoS 0, RETAIN, topic "t/1", payload "hi". */
    private static final String PUBLISH = "31070003742f316869";

    private static final String DISCONNECT = "e000";

    @Test
    void listenersHearConnectPublishAndDisconnectWithTheirFields() throws Exception {
        RecordingTestListener.HEARD.clear();
        try (Broker broker = Broker.builder().host("127.0.0.1").port(0).build().start();
                Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(HexFormat.of().parseHex(CONNECT));
            assertThat(HexFormat.of().formatHex(socket.getInputStream().readNBytes(4)))
                    .isEqualTo("20020000");
            out.write(HexFormat.of().parseHex(PUBLISH));
            out.write(HexFormat.of().parseHex(PUBLISH)); // the throwing listener fails twice: still no harm
            out.write(HexFormat.of().parseHex(DISCONNECT));
            String address = "127.0.0.1:" + socket.getLocalPort();

            await().atMost(Duration.ofSeconds(5)).until(() -> RecordingTestListener.HEARD.size() == 4);
            List<Object> events = RecordingTestListener.HEARD.stream()
                    .map(RecordingTestListener.Heard::event)
                    .toList();
            assertThat(events.get(0))
                    .usingRecursiveComparison()
                    .ignoringFields("timestamp")
                    .isEqualTo(new ClientConnected("L", "u", address, "tcp", "3.1.1", 0));
            assertThat(events.get(1))
                    .usingRecursiveComparison()
                    .ignoringFields("timestamp")
                    .isEqualTo(new MessagePublished("L", "u", "t/1", 0, true, 2, 0));
            assertThat(events.get(3))
                    .usingRecursiveComparison()
                    .ignoringFields("timestamp")
                    .isEqualTo(new ClientDisconnected("L", "u", address, "tcp", "3.1.1", "client sent DISCONNECT", 0));
            assertThat(RecordingTestListener.HEARD)
                    .extracting(RecordingTestListener.Heard::thread)
                    .containsOnly("cicada-broker-listeners");

            // the broker still serves clients after the failing listener
            try (Socket second = new Socket("127.0.0.1", broker.port())) {
                second.setSoTimeout(5_000);
                second.getOutputStream().write(HexFormat.of().parseHex(CONNECT));
                assertThat(HexFormat.of().formatHex(second.getInputStream().readNBytes(4)))
                        .isEqualTo("20020000");
            }
        }
    }
}
