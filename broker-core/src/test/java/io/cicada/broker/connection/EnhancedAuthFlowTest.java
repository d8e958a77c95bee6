package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.ScramAuthentication;
import io.cicada.broker.auth.ScramClient;
import io.cicada.broker.auth.ScramCredential;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SCRAM through the AUTH packet: before CONNACK, and re-authentication while connected (5.0 §4.12). */
class EnhancedAuthFlowTest {
    private final CoreHarness harness = new CoreHarness(
            CoreHarness.SETTINGS,
            b -> b.enhancedAuthentication(new ScramAuthentication(
                    List.of(ScramCredential.derive("alice", "secret", ScramHash.SHA_512, 4096)))));

    private static Properties auth(String method, byte[] data) {
        return Properties.builder()
                .authenticationMethod(method)
                .authenticationData(data)
                .build();
    }

    /** Runs the SCRAM exchange of a CONNECT; returns the client after CONNACK. */
    private TestClient connectWithScram(String password) {
        ScramClient scram = new ScramClient(ScramHash.SHA_512, "alice", password);
        TestClient client = harness.client();
        client.send(connect5("scram", true, auth(scram.method(), scram.clientFirst())));
        Auth challenge = client.last(Auth.class);
        assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(challenge.properties().authenticationMethod()).isEqualTo("SCRAM-SHA-512");
        assertThat(client.received(ConnAck.class)).isEmpty();
        byte[] clientFinal = scram.clientFinal(challenge.properties().authenticationData());
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth(scram.method(), clientFinal)));
        return client;
    }

    @Test
    void scramExchangeBeforeConnAckAuthenticatesAndTheServerProvesItself() {
        ScramClient scram = new ScramClient(ScramHash.SHA_512, "alice", "secret");
        TestClient client = harness.client();
        client.send(connect5("scram", true, auth(scram.method(), scram.clientFirst())));
        byte[] serverFirst = client.last(Auth.class).properties().authenticationData();
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth(scram.method(), scram.clientFinal(serverFirst))));
        ConnAck ack = client.last(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.properties().authenticationMethod()).isEqualTo("SCRAM-SHA-512");
        assertThat(scram.verifyServerFinal(ack.properties().authenticationData()))
                .isTrue();
    }

    @Test
    void wrongPasswordIsRefusedInConnAck() {
        TestClient client = connectWithScram("guess");
        assertThat(client.last(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void unsupportedMethodGetsBadAuthenticationMethod() {
        ConnAck ack = harness.client().connect(connect5("c", true, auth("KERBEROS", new byte[] {1})));
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
    }

    @Test
    void reAuthenticationSucceedsWithAuth0x00AndFailsWithDisconnect() {
        TestClient client = connectWithScram("secret");
        assertThat(client.last(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        ScramClient again = new ScramClient(ScramHash.SHA_512, "alice", "secret");
        client.send(new Auth(ReasonCode.RE_AUTHENTICATE, auth(again.method(), again.clientFirst())));
        byte[] serverFirst = client.last(Auth.class).properties().authenticationData();
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth(again.method(), again.clientFinal(serverFirst))));
        Auth done = client.last(Auth.class);
        assertThat(done.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(again.verifyServerFinal(done.properties().authenticationData()))
                .isTrue();
        assertThat(client.isClosed()).isFalse();

        ScramClient wrong = new ScramClient(ScramHash.SHA_512, "alice", "guess");
        client.send(new Auth(ReasonCode.RE_AUTHENTICATE, auth(wrong.method(), wrong.clientFirst())));
        serverFirst = client.last(Auth.class).properties().authenticationData();
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, auth(wrong.method(), wrong.clientFinal(serverFirst))));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void reAuthenticationWithAnotherMethodIsAProtocolError() {
        TestClient client = connectWithScram("secret");
        client.send(new Auth(ReasonCode.RE_AUTHENTICATE, auth("SCRAM-SHA-256", new byte[] {1})));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void authWithoutAMethodInConnectIsAProtocolError() {
        TestClient client = harness.client();
        client.connect(connect5("plain"));
        client.send(new Auth(ReasonCode.RE_AUTHENTICATE, auth("SCRAM-SHA-512", new byte[] {1})));
        assertThat(client.last(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }
}
