package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.password.PasswordFileEditor;
import io.cicada.broker.auth.password.PasswordHash.Algorithm;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.server.Broker;
import io.cicada.testkit.RawMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MQTT 3.1.1 PUBLISH the ACL refuses: 3.1.1 has no error acknowledgement, so the broker acknowledges it positively,
 * keeps the connection, and routes nothing (3.1.1 §3.3.5).
 */
class UnauthorizedPublishV3Test {
    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Broker start() throws Exception {
        Path passwords = dir.resolve("passwd");
        PasswordFileEditor.open(passwords)
                .set("writer", "writer-pw", Algorithm.SHA512)
                .set("watcher", "watcher-pw", Algorithm.SHA512)
                .save();
        Path acl = dir.resolve("acl");
        Files.writeString(
                acl, String.join("\n", "user writer", "topic readwrite mine/#", "user watcher", "topic read #", ""));
        return SecureBrokers.start(s -> s.withPasswordFile(passwords).withAclFile(acl), b -> b.allowAnonymous(false));
    }

    private static RawMqttClient connect(Broker broker, String user) {
        RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port());
        client.connect(new Connect(
                MqttVersion.MQTT_3_1_1,
                user,
                true,
                60,
                user,
                (user + "-pw").getBytes(StandardCharsets.UTF_8),
                null,
                Properties.EMPTY));
        return client;
    }

    @Test
    void refusedPublishIsAcknowledgedPositivelyAndNotRouted() throws Exception {
        try (Broker broker = start();
                RawMqttClient watcher = connect(broker, "watcher");
                RawMqttClient writer = connect(broker, "writer")) {
            watcher.subscribe("theirs/#", 1);
            writer.send(new Publish("theirs/x", 1, false, false, 7, Properties.EMPTY, Payload.utf8("no")));
            // [MQTT-3.3.5-2] not authorized: a positive acknowledgement (3.1.1 has no error code) ...
            assertThat(writer.receive(PubAck.class, WAIT).packetId()).isEqualTo(7);
            writer.send(new Publish("theirs/y", 2, false, false, 8, Properties.EMPTY, Payload.utf8("no")));
            assertThat(writer.receive(PubRec.class, WAIT).packetId()).isEqualTo(8);
            writer.send(new PubRel(8));
            assertThat(writer.receive(PubComp.class, WAIT).packetId()).isEqualTo(8);
            // ... the connection stays open ...
            writer.send(new PingReq());
            assertThat(writer.receive(WAIT)).isInstanceOf(PingResp.class);
            // ... and nothing reaches the subscriber
            watcher.expectNothing(Duration.ofMillis(500));
        }
    }
}
