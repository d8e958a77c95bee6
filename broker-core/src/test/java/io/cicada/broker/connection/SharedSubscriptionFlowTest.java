package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.retained;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.routing.SharingStrategy;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared subscriptions through whole connections: sharing, no retained messages, hand-over of unacknowledged ones. */
class SharedSubscriptionFlowTest {
    private final CoreHarness harness = new CoreHarness();
    private final TestClient publisher = harness.client(harness.loopB);

    SharedSubscriptionFlowTest() {
        publisher.connect(connect311("publisher"));
    }

    private TestClient member(CoreHarness h, String id, boolean persistent) {
        TestClient client = h.client();
        Properties properties =
                persistent ? Properties.builder().sessionExpiryInterval(3_600L).build() : Properties.EMPTY;
        client.connect(connect5(id, true, properties));
        client.send(subscribe(1, "$share/workers/jobs/#", 1));
        return client;
    }

    private static List<String> payloads(TestClient client) {
        return client.received(Publish.class).stream()
                .map(p -> p.payload().asUtf8())
                .toList();
    }

    private void publishJobs(int count) {
        for (int i = 0; i < count; i++) {
            publisher.send(publish("jobs/" + i, 1, i + 1, "job" + i));
        }
    }

    @Test
    void connAckAdvertisesSharedSubscriptionsAndTheSubAckGrantsThem() {
        TestClient client = harness.client();
        ConnAck ack = client.connect(connect5("c"));
        // 0 would mean "not available"; absent means available (5.0 §3.2.2.3.15)
        assertThat(ack.properties().sharedSubscriptionAvailable()).isNull();
        client.send(subscribe(1, "$share/g/t", 2));
        assertThat(client.last(SubAck.class).reasonCodes()).containsExactly(2);
    }

    @Test
    @Spec({"MQTT-4.8.2-3"})
    void roundRobinSplitsTheMessagesBetweenOnlineMembers() {
        TestClient a = member(harness, "a", false);
        TestClient b = member(harness, "b", false);
        publishJobs(6);
        assertThat(payloads(a)).containsExactly("job0", "job2", "job4");
        assertThat(payloads(b)).containsExactly("job1", "job3", "job5");
    }

    @Test
    void aSharedSubscriptionGetsNoRetainedMessages() {
        publisher.send(retained("jobs/old", 1, 1, "kept"));
        TestClient a = member(harness, "a", false);
        assertThat(a.received(Publish.class)).isEmpty();
        TestClient plain = harness.client();
        plain.connect(connect5("plain"));
        plain.send(subscribe(1, "jobs/#", 1));
        assertThat(payloads(plain)).containsExactly("kept");
    }

    @Test
    void unacknowledgedMessagesOfAMemberThatGoesOfflineGoToAnotherMember() {
        TestClient a = member(harness, "a", true);
        TestClient b = member(harness, "b", true);
        publishJobs(4); // a: job0 job2, b: job1 job3, nothing acknowledged yet
        b.send(new PubAck(b.received(Publish.class).get(0).packetId())); // b acknowledges job1 only
        b.dropConnection();
        // §4.8.2: job3 was not acknowledged by b, so a gets it; job1 was, so nobody gets it again
        assertThat(payloads(a)).containsExactly("job0", "job2", "job3");
        TestClient bAgain = harness.client();
        bAgain.connect(connect5(
                "b", false, Properties.builder().sessionExpiryInterval(3_600L).build()));
        assertThat(bAgain.received(Publish.class)).isEmpty();
    }

    @Test
    void qos2MessagesPastPubRecStayWithTheirMember() {
        TestClient a = member(harness, "a", true);
        TestClient b = harness.client();
        b.connect(connect5(
                "b", true, Properties.builder().sessionExpiryInterval(3_600L).build()));
        b.send(subscribe(1, "$share/workers/jobs/#", 2));
        for (int i = 0; i < 4; i++) {
            publisher.send(publish("jobs/" + i, 2, i + 1, "job" + i));
        }
        // b got job1 and job3 at QoS 2 and received (PUBREC) job1 only
        b.send(new PubRec(b.received(Publish.class).get(0).packetId()));
        b.dropConnection();
        assertThat(payloads(a)).containsExactly("job0", "job2", "job3");
    }

    @Test
    void withNoOtherMemberOnlineTheMessagesWaitForTheirMember() {
        TestClient a = member(harness, "a", true);
        publishJobs(2);
        a.dropConnection();
        publishJobs(1); // a is the only member: queued for it
        TestClient aAgain = harness.client();
        aAgain.connect(connect5(
                "a", false, Properties.builder().sessionExpiryInterval(3_600L).build()));
        assertThat(payloads(aAgain)).containsExactly("job0", "job1", "job0");
    }

    @Test
    void messagesOfASessionThatEndsGoToAnotherMemberEvenAnOfflineOne() {
        TestClient a = member(harness, "a", true);
        a.dropConnection(); // a offline, persistent
        TestClient b = member(harness, "b", false);
        publishJobs(2); // b online gets both
        assertThat(payloads(b)).containsExactly("job0", "job1");
        b.dropConnection(); // b's session ends at once (expiry 0): its two unacknowledged messages go to a
        TestClient aAgain = harness.client();
        aAgain.connect(connect5(
                "a", false, Properties.builder().sessionExpiryInterval(3_600L).build()));
        assertThat(payloads(aAgain)).containsExactly("job0", "job1");
    }

    @Test
    void unsubscribingLeavesTheGroup() {
        TestClient a = member(harness, "a", false);
        TestClient b = member(harness, "b", false);
        b.send(new io.cicada.mqtt.packet.Unsubscribe(2, List.of("$share/workers/jobs/#"), Properties.EMPTY));
        publishJobs(3);
        assertThat(payloads(a)).containsExactly("job0", "job1", "job2");
        assertThat(b.received(Publish.class)).isEmpty();
    }

    @Test
    void mqtt311ClientsCanShareToo() {
        TestClient a = harness.client();
        a.connect(connect311("a"));
        a.send(subscribe(1, "$share/workers/jobs/#", 1));
        TestClient b = member(harness, "b", false);
        publishJobs(2);
        assertThat(payloads(a)).containsExactly("job0");
        assertThat(payloads(b)).containsExactly("job1");
    }

    @Test
    void stickyStrategyKeepsOneMemberWhileItIsOnline() {
        CoreHarness sticky = new CoreHarness(
                CoreHarness.SETTINGS,
                core -> core.mqtt5(Mqtt5Settings.builder()
                        .sharingStrategy(SharingStrategy.STICKY)
                        .build()));
        TestClient pub = sticky.client(sticky.loopB);
        pub.connect(connect311("publisher"));
        TestClient a = member(sticky, "a", false);
        TestClient b = member(sticky, "b", false);
        for (int i = 0; i < 4; i++) {
            pub.send(publish("jobs/x", 0, 0, "m" + i));
        }
        List<String> toA = payloads(a);
        List<String> toB = payloads(b);
        assertThat(toA.isEmpty() ^ toB.isEmpty()).isTrue();
        assertThat(toA.size() + toB.size()).isEqualTo(4);
    }
}
