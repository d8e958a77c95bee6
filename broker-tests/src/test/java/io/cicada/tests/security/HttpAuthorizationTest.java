package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cicada.broker.auth.http.FailurePolicy;
import io.cicada.broker.auth.http.HttpAuthSettings;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.Will;
import io.cicada.server.Broker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.security.FakeAuthService.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PUBLISH and SUBSCRIBE decided by the HTTP back end over real sockets (raw packet client, JDK HTTP server): v5
 * PUBACK 0x87 and SUBACK 0x87 / 0x80, the will at CONNECT, the answer cache, timeouts and a service that is down under
 * each failure policy, and the connection holding a client's later packets, in order, while an answer is pending —
 * without delaying other clients.
 */
class HttpAuthorizationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Broker start(HttpAuthSettings http) {
        return SecureBrokers.start(s -> s.withHttp(http));
    }

    private static RawMqttClient client(Broker broker, MqttVersion version, String clientId, String username) {
        RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port());
        ConnAck ack = client.connect(new Connect(version, clientId, true, 60, username, null, null, Properties.EMPTY));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return client;
    }

    private static Publish publish(RawMqttClient client, String topic, int qos, String payload) {
        return new Publish(
                topic,
                qos,
                false,
                false,
                qos == 0 ? 0 : client.nextPacketId(),
                Properties.EMPTY,
                Payload.utf8(payload));
    }

    private static URI deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/authz");
        }
    }

    private static String text(Publish publish) {
        return new String(publish.payload().array(), StandardCharsets.UTF_8);
    }

    @Test
    void deniedPublishGetsPubAck0x87AndIsNotRouted() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient subscriber = client(broker, MqttVersion.MQTT_5, "sub", "watcher");
                RawMqttClient publisher = client(broker, MqttVersion.MQTT_5, "pub", "alice")) {
            service.authz(body -> Reply.of(!((String) body.get("topic")).startsWith("secret")));
            assertThat(subscriber.subscribe("#", 1).reasonCodes()).containsExactly(1);

            Publish open = publish(publisher, "open/a", 1, "hello");
            publisher.send(open);
            assertThat(publisher.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            Publish secret = publish(publisher, "secret/a", 1, "psst");
            publisher.send(secret);
            PubAck refused = publisher.receive(PubAck.class, WAIT);
            assertThat(refused.packetId()).isEqualTo(secret.packetId());
            assertThat(refused.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);

            assertThat(text(subscriber.receive(Publish.class, WAIT))).isEqualTo("hello");
            subscriber.expectNothing(Duration.ofMillis(300)); // the refused message was not routed
            assertThat(service.requests("/authz"))
                    .contains(Map.of(
                            "clientid", "pub",
                            "username", "alice",
                            "topic", "secret/a",
                            "action", "publish",
                            "qos", 1L,
                            "retain", false));
        }
    }

    @Test
    void deniedFiltersGetSubAck0x87InV5And0x80InV311() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient v5 = client(broker, MqttVersion.MQTT_5, "v5", "alice");
                RawMqttClient v311 = client(broker, MqttVersion.MQTT_3_1_1, "v311", "alice")) {
            service.authz(body -> Reply.of(!((String) body.get("topic")).startsWith("secret")));

            // [MQTT-3.9.3-1] one reason code per filter, in the order of the SUBSCRIBE
            SubAck five = v5.subscribe(Subscription.of("open/#", 1), Subscription.of("secret/#", 1));
            assertThat(five.reasonCodes()).containsExactly(1, ReasonCode.NOT_AUTHORIZED);
            SubAck three = v311.subscribe(Subscription.of("secret/x", 0), Subscription.of("open/y", 2));
            assertThat(three.reasonCodes()).containsExactly(ReasonCode.V3_SUBACK_FAILURE, 2);
            assertThat(service.requests("/authz"))
                    .contains(Map.of(
                            "clientid", "v5",
                            "username", "alice",
                            "topic", "secret/#",
                            "action", "subscribe",
                            "qos", 1L,
                            "retain", false));
        }
    }

    @Test
    void willTopicIsAskedAtConnect() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()))) {
            service.authz(body -> Reply.of(!((String) body.get("topic")).startsWith("secret")));
            for (String topic : List.of("secret/will", "open/will")) {
                try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port())) {
                    Will will = new Will(topic, Payload.utf8("gone"), 1, false, Properties.EMPTY);
                    ConnAck ack = client.connect(
                            new Connect(MqttVersion.MQTT_5, "w", true, 60, null, null, will, Properties.EMPTY));
                    assertThat(ack.reasonCode())
                            .isEqualTo(topic.startsWith("secret") ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS);
                }
            }
        }
    }

    @Test
    void answersAreCachedAllowAndDenyAlike() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient publisher = client(broker, MqttVersion.MQTT_5, "pub", "alice")) {
            service.authz(body -> Reply.of(!((String) body.get("topic")).startsWith("secret")));
            for (int i = 0; i < 3; i++) {
                publisher.send(publish(publisher, "cached/a", 1, "m" + i));
                assertThat(publisher.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
                publisher.send(publish(publisher, "secret/a", 1, "m" + i));
                assertThat(publisher.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            }
            assertThat(service.count("/authz")).isEqualTo(2);
        }
    }

    @Test
    void aTimedOutAnswerIsRefusedUnderTheDenyPolicyAndAllowedUnderAllow() throws Exception {
        for (FailurePolicy policy : List.of(FailurePolicy.DENY, FailurePolicy.ALLOW)) {
            try (FakeAuthService service = new FakeAuthService();
                    Broker broker = start(HttpAuthSettings.of(null, service.authzUrl())
                            .withTimeout(Duration.ofMillis(300))
                            .withFailurePolicy(policy));
                    RawMqttClient publisher = client(broker, MqttVersion.MQTT_5, "pub", "alice")) {
                service.hold("slow/t"); // the service never answers in time
                publisher.send(publish(publisher, "slow/t", 1, "x"));
                assertThat(publisher.receive(PubAck.class, WAIT).reasonCode())
                        .isEqualTo(policy == FailurePolicy.DENY ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS);
                // failures are not cached: the next PUBLISH asks again
                publisher.send(publish(publisher, "slow/t", 1, "y"));
                publisher.receive(PubAck.class, WAIT);
                await().atMost(WAIT).until(() -> service.heldArrivals() == 2);
            }
        }
    }

    @Test
    void serviceDownRefusesPublishAndSubscribeUnderTheDenyPolicy() throws Exception {
        try (Broker broker = start(HttpAuthSettings.of(null, deadUrl()));
                RawMqttClient client = client(broker, MqttVersion.MQTT_5, "c", "alice")) {
            client.send(publish(client, "any/t", 1, "x"));
            assertThat(client.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(client.subscribe("any/#", 1).reasonCodes()).containsExactly(ReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void aSlowAnswerForOneClientDoesNotDelayAnother() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient slow = client(broker, MqttVersion.MQTT_5, "slow", "alice");
                RawMqttClient fast = client(broker, MqttVersion.MQTT_5, "fast", "bob")) {
            service.hold("slow/t");
            slow.send(publish(slow, "slow/t", 1, "x"));
            await().atMost(WAIT).until(() -> service.heldArrivals() == 1);

            fast.send(publish(fast, "fast/t", 1, "y"));
            assertThat(fast.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            slow.expectNothing(Duration.ofMillis(200)); // still waiting for its answer

            service.release("slow/t");
            assertThat(slow.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    void aClientsPacketsKeepTheirOrderWhileAnAnswerIsPending() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient subscriber = client(broker, MqttVersion.MQTT_5, "sub", "watcher");
                RawMqttClient publisher = client(broker, MqttVersion.MQTT_5, "pub", "alice")) {
            assertThat(subscriber.subscribe("order/#", 1).reasonCodes()).containsExactly(1);
            service.hold("order/t");
            Publish first = publish(publisher, "order/t", 1, "1");
            Publish second = publish(publisher, "order/t", 0, "2"); // another cache key: asked after the first
            Publish third = publish(publisher, "order/u", 1, "3");
            publisher.send(first);
            publisher.send(second);
            publisher.send(PingReq.INSTANCE);
            publisher.send(third);
            await().atMost(WAIT).until(() -> service.heldArrivals() == 1);
            publisher.expectNothing(Duration.ofMillis(200)); // even the PINGREQ waits behind the pending PUBLISH

            service.release("order/t");
            PubAck firstAck = publisher.receive(PubAck.class, WAIT);
            assertThat(firstAck.packetId()).isEqualTo(first.packetId());
            assertThat(publisher.receive(WAIT)).isInstanceOf(PingResp.class);
            assertThat(publisher.receive(PubAck.class, WAIT).packetId()).isEqualTo(third.packetId());
            // [MQTT-4.6.0-6] the subscriber gets the client's messages on the topic in the order they were sent
            assertThat(text(subscriber.receive(Publish.class, WAIT))).isEqualTo("1");
            assertThat(text(subscriber.receive(Publish.class, WAIT))).isEqualTo("2");
            assertThat(text(subscriber.receive(Publish.class, WAIT))).isEqualTo("3");
        }
    }

    @Test
    void aSuperuserIsAllowedWithoutAskingTheAuthorizationUrl() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(service.authnUrl(), service.authzUrl()));
                RawMqttClient root = client(broker, MqttVersion.MQTT_5, "r", "root");
                RawMqttClient alice = client(broker, MqttVersion.MQTT_5, "a", "alice")) {
            service.authn(body -> "root".equals(body.get("username"))
                    ? new Reply(200, "{\"result\":\"allow\",\"is_superuser\":true}")
                    : Reply.allow());
            service.authz(body -> Reply.deny());
            // the clients connected before the answers were set: reconnect both under the new answers
            root.close();
            alice.close();
            try (RawMqttClient superuser = client(broker, MqttVersion.MQTT_5, "r2", "root");
                    RawMqttClient user = client(broker, MqttVersion.MQTT_5, "a2", "alice")) {
                superuser.send(publish(superuser, "secret/t", 1, "x"));
                assertThat(superuser.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
                assertThat(superuser.subscribe("secret/#", 1).reasonCodes()).containsExactly(1);
                user.send(publish(user, "secret/t", 1, "x"));
                assertThat(user.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
                assertThat(service.requests("/authz"))
                        .extracting(body -> body.get("clientid"))
                        .containsOnly("a2");
            }
        }
    }

    @Test
    void aTopicAliasSetWhileAnAnswerIsPendingResolvesForTheNextPublish() throws Exception {
        try (FakeAuthService service = new FakeAuthService();
                Broker broker = start(HttpAuthSettings.of(null, service.authzUrl()));
                RawMqttClient subscriber = client(broker, MqttVersion.MQTT_5, "sub", "watcher");
                RawMqttClient publisher = client(broker, MqttVersion.MQTT_5, "pub", "alice")) {
            assertThat(subscriber.subscribe("alias/#", 1).reasonCodes()).containsExactly(1);
            service.hold("alias/t");
            Properties alias = Properties.builder().topicAlias(1).build();
            Publish setting =
                    new Publish("alias/t", 1, false, false, publisher.nextPacketId(), alias, Payload.utf8("1"));
            Publish using = new Publish("", 1, false, false, publisher.nextPacketId(), alias, Payload.utf8("2"));
            publisher.send(setting);
            publisher.send(using); // only resolvable once the first PUBLISH has been dispatched
            await().atMost(WAIT).until(() -> service.heldArrivals() == 1);

            service.release("alias/t");
            assertThat(publisher.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(publisher.receive(PubAck.class, WAIT).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            Publish first = subscriber.receive(Publish.class, WAIT);
            Publish second = subscriber.receive(Publish.class, WAIT);
            assertThat(List.of(text(first), text(second))).containsExactly("1", "2");
            assertThat(second.topic()).isEqualTo("alias/t");
            assertThat(service.count("/authz")).isEqualTo(2); // the SUBSCRIBE and one PUBLISH: the second was cached
        }
    }
}
