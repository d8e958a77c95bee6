package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.auth.ScramClient;
import io.cicada.broker.auth.ScramCredential;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.testkit.RawMqttClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SCRAM-SHA-256/512 enhanced authentication over a real socket, from a credentials file (5.0 §4.12). */
class ScramAuthenticationTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Broker start() throws IOException {
        Path file = dir.resolve("scram");
        Files.write(
                file,
                List.of(
                        "# user:method:iterations:salt:storedKey:serverKey",
                        ScramCredential.derive("alice", "secret", ScramHash.SHA_256, 4096)
                                .format(),
                        ScramCredential.derive("alice", "secret", ScramHash.SHA_512, 4096)
                                .format()));
        return Broker.builder()
                .config(ServerConfig.defaults()
                        .withMqtt5(Mqtt5Settings.builder()
                                .scramCredentialsFile(file.toString())
                                .build()))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
    }

    private static Properties auth(String method, byte[] data) {
        return Properties.builder()
                .authenticationMethod(method)
                .authenticationData(data)
                .build();
    }

    private static ConnAck connect(RawMqttClient raw, ScramClient scram) {
        raw.send(new Connect(
                MqttVersion.MQTT_5,
                "scram-" + scram.method(),
                true,
                60,
                null,
                null,
                null,
                auth(scram.method(), scram.clientFirst())));
        Auth challenge = raw.receive(Auth.class, WAIT);
        // [MQTT-4.12.0-2] the server's challenge carries 0x18, [MQTT-4.12.0-5] and the CONNECT's method
        assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(challenge.properties().authenticationMethod()).isEqualTo(scram.method());
        raw.send(new Auth(
                ReasonCode.CONTINUE_AUTHENTICATION,
                auth(scram.method(), scram.clientFinal(challenge.properties().authenticationData()))));
        return raw.receive(ConnAck.class, WAIT);
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void scramConnectsAndReAuthenticates(ScramHash hash) throws IOException {
        try (Broker broker = start();
                RawMqttClient raw = RawMqttClient.connect("127.0.0.1", broker.port())) {
            raw.version(MqttVersion.MQTT_5);
            ScramClient scram = new ScramClient(hash, "alice", "secret");
            ConnAck ack = connect(raw, scram);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(scram.verifyServerFinal(ack.properties().authenticationData()))
                    .isTrue();
            ScramClient again = new ScramClient(hash, "alice", "secret");
            raw.send(new Auth(ReasonCode.RE_AUTHENTICATE, auth(again.method(), again.clientFirst())));
            byte[] serverFirst = raw.receive(Auth.class, WAIT).properties().authenticationData();
            raw.send(
                    new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth(again.method(), again.clientFinal(serverFirst))));
            Auth done = raw.receive(Auth.class, WAIT);
            assertThat(done.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(again.verifyServerFinal(done.properties().authenticationData()))
                    .isTrue();
        }
    }

    @Test
    void wrongPasswordIsNotAuthorizedAndUnknownMethodIsBadMethod() throws IOException {
        try (Broker broker = start()) {
            try (RawMqttClient raw = RawMqttClient.connect("127.0.0.1", broker.port())) {
                raw.version(MqttVersion.MQTT_5);
                ConnAck ack = connect(raw, new ScramClient(ScramHash.SHA_256, "alice", "guess"));
                // [MQTT-4.12.0-4] rejected during the exchange with a CONNACK of 0x80 or above, then closed
                assertThat(ack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
                assertThat(raw.awaitClosed(WAIT)).isTrue();
            }
            try (RawMqttClient raw = RawMqttClient.connect("127.0.0.1", broker.port())) {
                ConnAck ack = raw.connect(new Connect(
                        MqttVersion.MQTT_5, "bad-method", true, 60, null, null, null, auth("OTP", new byte[] {1})));
                // [MQTT-4.12.0-1] an unsupported method gets 0x8C and the connection is closed
                assertThat(ack.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
                assertThat(raw.awaitClosed(WAIT)).isTrue();
            }
        }
    }
}
