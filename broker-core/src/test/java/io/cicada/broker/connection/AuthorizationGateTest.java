package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authorizer;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A plugin authorizer that answers asynchronously, on the fake core: reading pauses for AUTHORIZATION while an answer
 * is pending and resumes after it, the client's later packets wait in order, a failed or throwing plugin refuses, and a
 * connection closed meanwhile drops its held packets.
 */
class AuthorizationGateTest {

    /** Knows nothing from memory; each question waits for the test to complete its stage. */
    private static final class AskingAuthorizer implements Authorizer {
        final List<CompletableFuture<Boolean>> pending = new ArrayList<>();
        final List<String> asked = new ArrayList<>();
        boolean throwing;

        @Override
        public boolean mayPublish(String clientId, String username, String topic) {
            return false;
        }

        @Override
        public boolean maySubscribe(String clientId, String username, String topicFilter) {
            return false;
        }

        @Override
        public boolean asksRemotely() {
            return true;
        }

        @Override
        public Verdict publishVerdict(String clientId, String username, String topic, int qos, boolean retain) {
            return topic.startsWith("known/") ? Verdict.ALLOW : Verdict.UNKNOWN;
        }

        @Override
        public Verdict subscribeVerdict(String clientId, String username, String topicFilter, int qos) {
            return topicFilter.startsWith("known/") ? Verdict.DENY : Verdict.UNKNOWN;
        }

        @Override
        public CompletionStage<Boolean> authorizePublish(
                String clientId, String username, String topic, int qos, boolean retain) {
            return ask(topic);
        }

        @Override
        public CompletionStage<Boolean> authorizeSubscribe(
                String clientId, String username, String topicFilter, int qos) {
            return ask(topicFilter);
        }

        private CompletionStage<Boolean> ask(String topic) {
            if (throwing) {
                throw new IllegalStateException("plugin bug (expected by the test)");
            }
            asked.add(topic);
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }
    }

    private final AskingAuthorizer authorizer = new AskingAuthorizer();
    private final CoreHarness harness = new CoreHarness(CoreHarness.SETTINGS, b -> b.authorizer(authorizer));

    private TestClient connected(String id) {
        TestClient client = harness.client();
        client.connect(connect5(id));
        client.clear();
        return client;
    }

    @Test
    void packetsWaitInOrderWhileReadingIsPausedForAuthorization() {
        TestClient client = connected("c");
        client.send(publish("remote/a", 1, 1, "x"), PingReq.INSTANCE, publish("known/b", 1, 2, "y"));

        assertThat(client.outbound().isReadingPaused()).isTrue();
        assertThat(client.received()).isEmpty();
        assertThat(authorizer.asked).containsExactly("remote/a");

        authorizer.pending.get(0).complete(true);
        harness.runAll();

        assertThat(client.received()).containsExactly(new PubAck(1), PingResp.INSTANCE, new PubAck(2));
        assertThat(client.outbound().isReadingPaused()).isFalse();
    }

    @Test
    void eachUnknownFilterIsAskedAndSubAckKeepsTheFilterOrder() {
        TestClient client = connected("c");
        client.send(subscribe(
                7, Subscription.of("remote/a", 1), Subscription.of("known/b", 1), Subscription.of("remote/c", 2)));
        assertThat(authorizer.asked).containsExactly("remote/a", "remote/c");
        authorizer.pending.get(1).complete(true);
        harness.runAll();
        assertThat(client.received()).isEmpty(); // still waiting for remote/a

        authorizer.pending.get(0).complete(false);
        harness.runAll();

        // [MQTT-3.9.3-1] one reason code per filter, in the SUBSCRIBE's order
        assertThat(client.last(SubAck.class).reasonCodes())
                .containsExactly(ReasonCode.NOT_AUTHORIZED, ReasonCode.NOT_AUTHORIZED, 2);
    }

    @Test
    void aFailedOrThrowingPluginRefuses() {
        TestClient client = connected("c");
        client.send(publish("remote/a", 1, 1, "x"));
        authorizer.pending.get(0).completeExceptionally(new IllegalStateException("service down (expected)"));
        harness.runAll();
        assertThat(client.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);

        authorizer.throwing = true;
        client.send(publish("remote/b", 1, 2, "y"));
        assertThat(client.last(PubAck.class).packetId()).isEqualTo(2);
        assertThat(client.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(client.outbound().isReadingPaused()).isFalse();
    }

    @Test
    void aConnectionClosedWhileWaitingDropsWhatItHeld() {
        TestClient client = connected("c");
        client.send(publish("remote/a", 1, 1, "x"), PingReq.INSTANCE);
        client.dropConnection();

        authorizer.pending.get(0).complete(true);
        harness.runAll();

        assertThat(client.received()).isEmpty();
    }
}
