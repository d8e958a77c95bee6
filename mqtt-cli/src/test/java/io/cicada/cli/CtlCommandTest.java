package io.cicada.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Endpoint;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.server.Broker;
import io.cicada.server.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cicada ctl} as a process against a Cicada broker with its admin API on: tables, JSON, publish, retained
 * messages, kick, errors from the API, and an unreachable API. The client it inspects is connected in-process with
 * the tools' own MQTT client.
 */
class CtlCommandTest {
    private static Broker broker;
    private static String url;

    @BeforeAll
    static void start() {
        broker = Broker.builder()
                .config(ConfigLoader.load(null, Map.of(), List.of("admin_enabled=true", "admin_port=0")))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
        url = "http://127.0.0.1:" + broker.adminPort();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void listsClientsAndSubscriptionsAsTablesAndJson() throws Exception {
        try (BlockingClient client = connect("ctl-lister")) {
            BlockingClient.await(
                    client.connection().subscribe(List.of(Subscription.of("ctl/list/#", 1)), Properties.EMPTY));

            CliProcess.Result clients = CliProcess.run("ctl", "--url", url, "clients", "--search", "ctl-lister");
            assertThat(clients.exitCode()).as(clients.toString()).isZero();
            assertThat(clients.stdout().get(0)).startsWith("CLIENT ID").contains("CONNECTED", "QUEUED");
            assertThat(clients.stdout()).anyMatch(l -> l.matches("ctl-lister +true +127\\.0\\.0\\.1:\\d+ +5\\.0 .*"));

            CliProcess.Result json =
                    CliProcess.run("ctl", "--url", url, "--json", "subscriptions", "--filter", "ctl/list");
            assertThat(String.join("\n", json.stdout()))
                    .contains("\"clientId\" : \"ctl-lister\"", "\"topicFilter\" : \"ctl/list/#\"", "\"qos\" : 1");

            CliProcess.Result info = CliProcess.run("ctl", "--url", url, "broker");
            assertThat(info.stdout()).anyMatch(l -> l.matches("connectedClients +\\d+"));
        }
    }

    @Test
    void publishesRetainsAndDeletesRetainedMessages() {
        CliProcess.Result published =
                CliProcess.run("ctl", "--url", url, "publish", "-t", "ctl/ret/a b", "-m", "kept", "-r", "-q", "1");
        assertThat(published.exitCode()).as(published.toString()).isZero();

        CliProcess.Result retained = CliProcess.run("ctl", "--url", url, "retained", "--filter", "ctl/ret/#");
        assertThat(retained.stdout()).anyMatch(l -> l.matches("ctl/ret/a b +1 +4 +kept"));

        assertThat(CliProcess.run("ctl", "--url", url, "delete", "retained", "ctl/ret/a b")
                        .exitCode())
                .isZero();
        CliProcess.Result none = CliProcess.run("ctl", "--url", url, "--json", "retained", "--filter", "ctl/ret/#");
        assertThat(String.join("", none.stdout())).contains("\"total\" : 0");
    }

    @Test
    void kickDisconnectsTheClient() throws Exception {
        try (BlockingClient client = connect("ctl-kicked")) {
            CliProcess.Result kick = CliProcess.run("ctl", "--url", url, "kick", "ctl-kicked");
            assertThat(kick.exitCode()).as(kick.toString()).isZero();
            assertThat(kick.stdout()).containsExactly("kicked ctl-kicked");
            client.connection().closeFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void apiErrorsAndAnUnreachableApiHaveExitCodes() {
        CliProcess.Result missing = CliProcess.run("ctl", "--url", url, "client", "nobody-here");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(missing.stderr())
                .containsExactly("cicada ctl client: no client or session 'nobody-here' (HTTP 404)");

        CliProcess.Result unreachable = CliProcess.run("ctl", "--url", "http://127.0.0.1:1", "clients");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(unreachable.stderr().get(0)).startsWith("cicada ctl clients: cannot reach the admin API");
    }

    private static BlockingClient connect(String clientId) throws Exception {
        return BlockingClient.connect(
                Endpoint.tcp("127.0.0.1", broker.port()),
                new Connect(MqttVersion.MQTT_5, clientId, true, 30, null, null, null, Properties.EMPTY));
    }
}
