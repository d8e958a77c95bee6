package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cicada.broker.auth.password.PasswordFileEditor;
import io.cicada.broker.auth.password.PasswordHash.Algorithm;
import io.cicada.server.Broker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with a Mosquitto password file and ACL file, tested with HiveMQ clients over MQTT 5 and 3.1.1: every
 * refusal path, %u injection attempts, reload, and other clients served throughout.
 */
class PasswordAndAclTest {

    @TempDir
    Path dir;

    Path passwords;
    Path acl;

    @BeforeEach
    void files() throws Exception {
        passwords = dir.resolve("passwd");
        PasswordFileEditor.open(passwords)
                .set("alice", "alice-pw", Algorithm.SHA512) // fast: most tests connect alice several times
                .set("bob", "bob-pw", Algorithm.ARGON2ID)
                .set("+", "plus-pw", Algorithm.SHA512)
                .save();
        acl = dir.resolve("acl");
        Files.writeString(
                acl,
                String.join(
                        "\n",
                        "user alice",
                        "topic readwrite alice/#",
                        "topic read shared/#",
                        "user bob",
                        "topic readwrite shared/#",
                        "topic deny shared/secret",
                        "pattern readwrite users/%u/#",
                        ""));
    }

    private Broker start() {
        return SecureBrokers.start(s -> s.withPasswordFile(passwords).withAclFile(acl), b -> b.allowAnonymous(false));
    }

    private static Mqtt5BlockingClient connect(Broker broker, String id, String user, String password) {
        Mqtt5BlockingClient client = SecureBrokers.client(broker, id);
        client.connectWith()
                .simpleAuth()
                .username(user)
                .password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    @Test
    void wrongPasswordUnknownUserAndAnonymousAreRefused() {
        try (Broker broker = start()) {
            Mqtt5BlockingClient alice = connect(broker, "alice", "alice", "alice-pw");

            assertThatThrownBy(() -> connect(broker, "x1", "alice", "wrong"))
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThatThrownBy(() -> connect(broker, "x2", "nobody", "alice-pw"))
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThatThrownBy(() -> SecureBrokers.client(broker, "anon").connect())
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
            Mqtt3BlockingClient v3 = mqtt3(broker, "x3");
            assertThatThrownBy(() -> v3.connectWith()
                            .simpleAuth()
                            .username("alice")
                            .password("nope".getBytes(StandardCharsets.UTF_8))
                            .applySimpleAuth()
                            .send())
                    .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReturnCode())
                            .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));

            Mqtt5BlockingClient bob = connect(broker, "bob", "bob", "bob-pw"); // argon2id
            assertThat(alice.getState().isConnected()).isTrue();
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void refusedPublishIsPubAck0x87InMqtt5AndSilentlyDroppedIn311() throws Exception {
        try (Broker broker = start()) {
            Mqtt5BlockingClient bob = connect(broker, "bob", "bob", "bob-pw");
            Mqtt5BlockingClient alice = connect(broker, "alice", "alice", "alice-pw");
            alice.subscribeWith()
                    .topicFilter("shared/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            try (Mqtt5BlockingClient.Mqtt5Publishes received = alice.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThatThrownBy(() -> bob.publishWith()
                                .topic("shared/secret")
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .send())
                        .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                                        e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
                assertThatThrownBy(() -> alice.publishWith()
                                .topic("shared/x")
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .send())
                        .isInstanceOf(Mqtt5PubAckException.class);

                Mqtt3BlockingClient bob3 = mqtt3(broker, "bob3");
                bob3.connectWith()
                        .simpleAuth()
                        .username("bob")
                        .password("bob-pw".getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth()
                        .send();
                bob3.publishWith()
                        .topic("shared/secret")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(); // acknowledged, dropped
                bob.publishWith()
                        .topic("shared/open")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();

                assertThat(received.receive(5, TimeUnit.SECONDS)
                                .orElseThrow()
                                .getTopic()
                                .toString())
                        .isEqualTo("shared/open");
                assertThat(received.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
                bob3.disconnect();
            }
            bob.disconnect();
            alice.disconnect();
        }
    }

    @Test
    void refusedSubscriptionIsSubAck0x87InMqtt5And0x80In311() {
        try (Broker broker = start()) {
            Mqtt5BlockingClient alice = connect(broker, "alice", "alice", "alice-pw");
            assertThatThrownBy(() -> alice.subscribeWith().topicFilter("bob/#").send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCodes())
                            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
            Mqtt3BlockingClient alice3 = mqtt3(broker, "alice3");
            alice3.connectWith()
                    .simpleAuth()
                    .username("alice")
                    .password("alice-pw".getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            assertThatThrownBy(() -> alice3.subscribeWith().topicFilter("#").send())
                    .isInstanceOfSatisfying(Mqtt3SubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReturnCodes())
                            .containsExactly(Mqtt3SubAckReturnCode.FAILURE));
            alice.subscribeWith().topicFilter("alice/inbox").send();
            alice.disconnect();
            alice3.disconnect();
        }
    }

    @Test
    void aUserNamedPlusCannotWidenAUserPattern() {
        try (Broker broker = start()) {
            Mqtt5BlockingClient plus = connect(broker, "h", "+", "plus-pw");
            assertThatThrownBy(
                            () -> plus.subscribeWith().topicFilter("users/+/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
            assertThatThrownBy(() ->
                            plus.subscribeWith().topicFilter("users/alice/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
            assertThatThrownBy(() -> plus.publishWith()
                            .topic("users/alice/x")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOf(Mqtt5PubAckException.class);
            Mqtt5BlockingClient alice = connect(broker, "alice", "alice", "alice-pw");
            alice.subscribeWith().topicFilter("users/alice/#").send();
            alice.disconnect();
            plus.disconnect();
        }
    }

    @Test
    void reloadedAclAppliesToConnectedClientsFromTheirNextPacket() throws Exception {
        try (Broker broker = start()) {
            Mqtt5BlockingClient alice = connect(broker, "alice", "alice", "alice-pw");
            alice.publishWith().topic("alice/a").qos(MqttQos.AT_LEAST_ONCE).send();

            Files.writeString(acl, "user alice\ntopic read alice/#\n");
            PasswordFileEditor.open(passwords)
                    .set("carol", "carol-pw", Algorithm.PBKDF2_SHA512)
                    .save();
            broker.reloadSecurity();

            assertThatThrownBy(() -> alice.publishWith()
                            .topic("alice/a")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOf(Mqtt5PubAckException.class);
            connect(broker, "carol", "carol", "carol-pw").disconnect();
            alice.disconnect();
        }
    }

    private static Mqtt3BlockingClient mqtt3(Broker broker, String id) {
        return Mqtt3Client.builder()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }
}
