package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.admin.AdminSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private static final String TOKEN = "t0ken-for-tests";
    private static Broker broker;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        AdminSettings settings = AdminSettings.defaults()
                .withEnabled(true)
                .withAddress("127.0.0.1", 0)
                .withToken(TOKEN)
                .withBasicAuth("ops", "pa55")
                .withAuthenticateLocal(true);
        broker = Broker.builder()
                .config(ServerConfig.defaults().withAdmin(settings))
                .port(0)
                .build()
                .start();
        admin = new AdminHttp(broker.adminPort(), "Bearer " + TOKEN);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Mqtt5BlockingClient client(String id) {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        return client;
    }

    @Test
    void requestsWithoutOrWithWrongCredentialsAreRefusedWith401() {
        AdminHttp.Answer none = admin.as(null).get("/api/broker");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).contains("credentials required");
        assertThat(admin.as("Bearer wrong")
                        .get("/api/broker")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("wrong token");
        assertThat(admin.as(basic("ops", "nope")).get("/api/broker").status()).isEqualTo(401);

        assertThat(admin.as(basic("ops", "pa55")).get("/api/broker").status()).isEqualTo(200);
        assertThat(admin.get("/api/broker").json().get("version").asText()).startsWith("cicada ");
    }

    @Test
    void healthReadinessListenersAndOpenApi() {
        assertThat(admin.get("/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(admin.get("/ready").json().get("status").asText()).isEqualTo("READY");
        JsonNode listeners = admin.get("/api/listeners").json();
        assertThat(listeners.get(0).get("name").asText()).isEqualTo("tcp");
        assertThat(listeners.get(0).get("port").asInt()).isEqualTo(broker.port());
        assertThat(listeners.get(0).get("listening").asBoolean()).isTrue();
        JsonNode openApi = admin.get("/api/openapi.json").json();
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        assertThat(openApi.get("paths").has("/api/clients/{clientId}/kick")).isTrue();
    }

    @Test
    void clientsAreListedWithTheirDetailsAndCanBeSearchedAndPaged() {
        Mqtt5BlockingClient a = client("admin-list-a");
        Mqtt5BlockingClient b = client("admin-list-b");
        a.connectWith().keepAlive(33).cleanStart(true).send();
        b.connectWith().sessionExpiryInterval(300).send();
        a.subscribeWith().topicFilter("admin/list/#").qos(MqttQos.AT_LEAST_ONCE).send();
        try {
            JsonNode one = admin.get("/api/clients/admin-list-a").json();
            assertThat(one.get("connected").asBoolean()).isTrue();
            assertThat(one.get("protocolVersion").asText()).isEqualTo("5.0");
            assertThat(one.get("keepAliveSeconds").asInt()).isEqualTo(33);
            assertThat(one.get("address").asText()).startsWith("127.0.0.1:");
            assertThat(one.get("listener").asText()).isEqualTo("tcp");
            assertThat(one.get("subscriptions").get(0).get("topicFilter").asText())
                    .isEqualTo("admin/list/#");
            assertThat(one.get("subscriptions").get(0).get("qos").asInt()).isEqualTo(1);
            assertThat(one.get("queuedMessages").asInt()).isZero();
            assertThat(one.get("inflightMessages").asInt()).isZero();

            JsonNode search =
                    admin.get("/api/clients?search=admin-list-&limit=1").json();
            assertThat(search.get("total").asInt()).isEqualTo(2);
            assertThat(search.get("items")).hasSize(1);
            assertThat(search.get("items").get(0).get("clientId").asText()).isEqualTo("admin-list-a");
            JsonNode second = admin.get("/api/clients?search=admin-list-&limit=1&offset=1")
                    .json();
            assertThat(second.get("items").get(0).get("clientId").asText()).isEqualTo("admin-list-b");

            JsonNode subscriptions =
                    admin.get("/api/subscriptions?filter=admin/list").json();
            assertThat(subscriptions.get("items").get(0).get("clientId").asText())
                    .isEqualTo("admin-list-a");
        } finally {
            a.disconnect();
            b.disconnect();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !admin.get("/api/clients/admin-list-b")
                .json()
                .get("connected")
                .asBoolean());
        JsonNode offline =
                admin.get("/api/clients?search=admin-list-&connected=false").json();
        assertThat(offline.get("items")).hasSize(1);
        assertThat(offline.get("items").get(0).get("sessionExpirySeconds").asLong())
                .isEqualTo(300);
        assertThat(admin.delete("/api/sessions/admin-list-b").status()).isEqualTo(204);
        assertThat(admin.get("/api/clients/admin-list-b").status()).isEqualTo(404);
    }

    @Test
    void aKickedClientIsDisconnectedWithAdministrativeActionAndItsSessionStays() {
        Mqtt5BlockingClient victim = client("admin-kick");
        victim.connectWith().sessionExpiryInterval(600).send();

        assertThat(admin.post("/api/clients/admin-kick/kick", "").status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> !victim.getState().isConnected());
        await().atMost(Duration.ofSeconds(5)).until(() -> !admin.get("/api/clients/admin-kick")
                .json()
                .get("connected")
                .asBoolean());
        assertThat(admin.post("/api/clients/admin-kick/kick", "").status()).isEqualTo(404);
        assertThat(admin.delete("/api/clients/admin-kick").status()).isEqualTo(204);
        assertThat(admin.delete("/api/clients/admin-kick").json().get("error").asText())
                .isEqualTo("no session for 'admin-kick'");
    }

    @Test
    void retainedMessagesCanBeListedReadAndDeleted() {
        admin.post("/api/publish", "{\"topic\":\"admin/retained/a\",\"payload\":\"21.5\",\"retain\":true}");
        admin.post(
                "/api/publish",
                "{\"topic\":\"admin/retained/b\",\"payload\":\""
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0})
                        + "\",\"encoding\":\"base64\",\"retain\":true,\"qos\":1}");

        JsonNode list = admin.get("/api/retained?filter=admin/retained/%23").json();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        JsonNode a = admin.get("/api/retained/admin/retained/a").json();
        assertThat(a.get("payload").asText()).isEqualTo("21.5");
        assertThat(a.get("encoding").asText()).isEqualTo("utf8");
        JsonNode b = admin.get("/api/retained/admin/retained/b").json();
        assertThat(b.get("encoding").asText()).isEqualTo("base64");
        assertThat(b.get("qos").asInt()).isEqualTo(1);

        assertThat(admin.delete("/api/retained/admin/retained/a").status()).isEqualTo(204);
        assertThat(admin.get("/api/retained/admin/retained/a").status()).isEqualTo(404);
        assertThat(admin.get("/api/retained?filter=admin/retained/%23")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aMessagePublishedThroughTheApiReachesASubscriber() throws InterruptedException {
        Mqtt5BlockingClient subscriber = client("admin-publish-sub");
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("admin/publish")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            AdminHttp.Answer answer =
                    admin.post("/api/publish", "{\"topic\":\"admin/publish\",\"payload\":\"hello\",\"qos\":1}");

            assertThat(answer.status()).isEqualTo(202);
            Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void badInputIsRefusedWith400AndAReason() {
        assertBadRequest(admin.post("/api/publish", "not json"), "the body must be JSON");
        assertBadRequest(admin.post("/api/publish", "[1]"), "JSON object");
        assertBadRequest(admin.post("/api/publish", "{\"topic\":\"a/#\"}"), "'topic' must be a topic name");
        assertBadRequest(admin.post("/api/publish", "{\"topic\":\"a\",\"qos\":3}"), "'qos' must be 0, 1 or 2");
        assertBadRequest(
                admin.post("/api/publish", "{\"topic\":\"a\",\"payload\":\"%%\",\"encoding\":\"base64\"}"),
                "not valid base64");
        assertBadRequest(admin.get("/api/clients?limit=0"), "'limit' must be an integer 1..1000");
        assertBadRequest(admin.get("/api/clients?offset=x"), "'offset' must be an integer");
        assertBadRequest(admin.get("/api/clients?connected=maybe"), "'connected' must be true or false");
        assertBadRequest(admin.get("/api/retained?filter=a/%23/b"), "not a valid topic filter");

        AdminHttp.Answer unknown = admin.get("/api/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("no such endpoint: GET /api/nothing");
        assertThat(admin.get("/api/clients/nobody").status()).isEqualTo(404);
        assertThat(admin.post("/api/retained/some/topic", "").status()).isEqualTo(405);
    }

    private static void assertBadRequest(AdminHttp.Answer answer, String reason) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).contains(reason);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
