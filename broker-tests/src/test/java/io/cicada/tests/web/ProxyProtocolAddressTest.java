package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cicada.admin.AdminSettings;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behind a load balancer speaking the PROXY protocol, the admin API names the real client's address. */
class ProxyProtocolAddressTest {

    /** CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "behind-lb". */
    private static final String CONNECT = "101500044d5154540402003c0009626568696e642d6c62";

    @Test
    void theAdminApiShowsTheAddressFromTheProxyHeader() throws Exception {
        ServerConfig config = ServerConfig.defaults();
        config = config.withTransport(config.transport()
                        .withListeners(List.of(
                                ListenerSettings.tcp("lb", "127.0.0.1", 0).withProxyProtocol(true))))
                .withAdmin(AdminSettings.defaults().withEnabled(true).withAddress("127.0.0.1", 0));
        try (Broker broker = Broker.builder().config(config).build().start();
                Socket socket = new Socket("127.0.0.1", broker.port("lb"))) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PROXY TCP4 198.51.100.7 10.0.0.1 40123 1883\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(HexFormat.of().parseHex(CONNECT));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(HexFormat.of().formatHex(in.readNBytes(4))).isEqualTo("20020000");

            AdminHttp admin = new AdminHttp(broker.adminPort(), null);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> admin.get("/api/clients/behind-lb").status() == 200);
            assertThat(admin.get("/api/clients/behind-lb").json().get("address").asText())
                    .isEqualTo("198.51.100.7:40123");
            assertThat(admin.get("/api/listeners")
                            .json()
                            .get(0)
                            .get("connections")
                            .asInt())
                    .isEqualTo(1);
        }
    }
}
