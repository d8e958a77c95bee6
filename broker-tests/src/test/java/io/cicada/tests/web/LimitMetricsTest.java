package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import io.cicada.admin.AdminSettings;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.transport.limit.ConnectRate;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.SecuritySettings;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every limit is a Prometheus counter at /metrics, cicada_limit_hits_total{limit="..."}, that moves when hit. */
class LimitMetricsTest {

    private static Map<String, Double> scrape(AdminHttp admin) {
        AdminHttp.Answer answer = admin.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static String sample(Limit limit) {
        return "cicada_limit_hits_total{limit=\"" + limit.metricName() + "\"}";
    }

    @Test
    void limitHitsAreExportedPerLimit() {
        ServerConfig config = ServerConfig.defaults()
                .withBroker(BrokerSettings.builder()
                        .limits(ClientLimits.builder().maxSubscriptions(1).build())
                        .build())
                .withSecurity(SecuritySettings.defaults()
                        .withConnectionLimits(ConnectionLimits.none().withConnectRate(new ConnectRate(1, 1))))
                .withAdmin(AdminSettings.defaults().withEnabled(true).withAddress("127.0.0.1", 0));
        try (Broker broker = Broker.builder().config(config).port(0).build().start()) {
            AdminHttp admin = new AdminHttp(broker.adminPort(), null);
            Map<String, Double> before = scrape(admin);
            for (Limit limit : Limit.values()) {
                assertThat(before).containsEntry(sample(limit), 0.0);
            }

            Mqtt5BlockingClient client = Mqtt5Client.builder()
                    .identifier("metrics-limits")
                    .serverHost("127.0.0.1")
                    .serverPort(broker.port())
                    .buildBlocking();
            client.connect(); // the one connection of the burst
            try (RawMqttClient a = RawMqttClient.connect("127.0.0.1", broker.port());
                    RawMqttClient b = RawMqttClient.connect("127.0.0.1", broker.port())) {
                // one a second: of two opened together at least one is closed at once
                boolean aClosed = a.awaitClosed(Duration.ofSeconds(2));
                assertThat(aClosed || b.awaitClosed(Duration.ofSeconds(2))).isTrue();
            }
            client.subscribeWith().topicFilter("m/1").send();
            assertThatThrownBy(() -> client.subscribeWith().topicFilter("m/2").send())
                    .isInstanceOf(Mqtt5SubAckException.class);

            Map<String, Double> after = scrape(admin);
            assertThat(after.get(sample(Limit.SUBSCRIPTIONS))).isEqualTo(1.0);
            assertThat(after.get(sample(Limit.CONNECT_RATE))).isGreaterThanOrEqualTo(1.0);
            assertThat(after.get(sample(Limit.PUBLISH_RATE))).isEqualTo(0.0);
            client.disconnect();
        }
    }
}
