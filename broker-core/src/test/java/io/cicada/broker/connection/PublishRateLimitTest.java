package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect311;
import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.RatePolicy;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** max_publish_rate / max_publish_bytes_rate on the core, with a fake clock: pause and refuse. */
class PublishRateLimitTest {

    private static CoreHarness harness(UnaryOperator<ClientLimits.Builder> limits) {
        return new CoreHarness(BrokerSettings.builder()
                .sysIntervalSeconds(0)
                .limits(limits.apply(ClientLimits.builder()).build())
                .build());
    }

    private static TestClient subscriber(CoreHarness harness) {
        TestClient sub = harness.client(harness.loopB);
        sub.connect(connect5("sub"));
        sub.send(subscribe(1, "t/#", 1));
        return sub;
    }

    @Test
    void pauseStopsReadingOnceTheBurstIsSpentAndResumesWhenTheBucketIsClear() {
        CoreHarness harness = harness(l -> l.maxPublishRate(2).publishRateBurst(2));
        TestClient sub = subscriber(harness);
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));

        pub.send(publish("t/1", 0, 0, "a"), publish("t/2", 0, 0, "b"));
        assertThat(pub.outbound().isReadingPaused()).isFalse();
        pub.send(publish("t/3", 0, 0, "c")); // read already: delivered, and now the bucket is in debt
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        assertThat(sub.received(Publish.class)).hasSize(3);
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_RATE)).isEqualTo(1);

        harness.advance(Duration.ofMillis(250));
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        harness.advance(Duration.ofMillis(250)); // one token at 2/s: 500 ms
        assertThat(pub.outbound().isReadingPaused()).isFalse();
    }

    @Test
    void packetsReadDuringThePauseDeepenTheDebtAndLengthenIt() {
        CoreHarness harness = harness(l -> l.maxPublishRate(10).publishRateBurst(1));
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        pub.send(
                publish("t/1", 0, 0, "a"),
                publish("t/2", 0, 0, "b"),
                publish("t/3", 0, 0, "c"),
                publish("t/4", 0, 0, "d"));
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        harness.advance(Duration.ofMillis(250)); // 3 tokens owed at 10/s: 300 ms
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        harness.advance(Duration.ofMillis(50));
        assertThat(pub.outbound().isReadingPaused()).isFalse();
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_RATE)).isEqualTo(1);
    }

    @Test
    void byteRatePausesOnPayloadBytes() {
        CoreHarness harness = harness(l -> l.maxPublishBytesRate(100).publishBytesBurst(100));
        TestClient pub = harness.client();
        pub.connect(connect311("pub"));
        pub.send(publish("t/1", 1, 1, "x".repeat(100)));
        assertThat(pub.outbound().isReadingPaused()).isFalse();
        pub.send(publish("t/2", 1, 2, "x".repeat(50)));
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        assertThat(pub.received(PubAck.class)).extracting(PubAck::reasonCode).containsExactly(0, 0);
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_BYTES_RATE)).isEqualTo(1);
        harness.advance(Duration.ofMillis(500));
        assertThat(pub.outbound().isReadingPaused()).isFalse();
    }

    @Test
    void refuseAnswersQos1And2WithQuotaExceededAndDropsQos0InMqtt5() {
        CoreHarness harness = harness(l -> l.maxPublishRate(1).ratePolicy(RatePolicy.REFUSE));
        TestClient sub = subscriber(harness);
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));

        pub.send(publish("t/ok", 1, 1, "a"), publish("t/no", 1, 2, "b"), publish("t/no", 2, 3, "c"));
        pub.send(publish("t/no", 0, 0, "d"));

        assertThat(pub.received(PubAck.class))
                .extracting(PubAck::reasonCode)
                .containsExactly(ReasonCode.SUCCESS, ReasonCode.QUOTA_EXCEEDED);
        PubRec pubRec = pub.last(PubRec.class);
        assertThat(pubRec.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        assertThat(pubRec.properties().reasonString()).isNotEmpty();
        assertThat(sub.received(Publish.class)).extracting(Publish::topic).containsExactly("t/ok");
        assertThat(pub.outbound().isReadingPaused()).isFalse();
        assertThat(pub.isClosed()).isFalse();
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_RATE)).isEqualTo(3);

        harness.advance(Duration.ofSeconds(1));
        pub.send(publish("t/later", 1, 4, "e"));
        assertThat(pub.last(PubAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(sub.received(Publish.class)).extracting(Publish::topic).containsExactly("t/ok", "t/later");
    }

    @Test
    void refuseAcknowledgesAndDropsInMqtt311() {
        CoreHarness harness = harness(l -> l.maxPublishRate(1).ratePolicy(RatePolicy.REFUSE));
        TestClient sub = subscriber(harness);
        TestClient pub = harness.client();
        pub.connect(connect311("pub"));

        // [MQTT-3.3.5-2] a PUBLISH the server does not perform: a positive acknowledgement (or a close)
        pub.send(publish("t/ok", 1, 1, "a"), publish("t/no", 1, 2, "b"), publish("t/no", 2, 3, "c"));

        assertThat(pub.received(PubAck.class)).extracting(PubAck::reasonCode).containsExactly(0, 0);
        assertThat(pub.last(PubRec.class).reasonCode()).isZero();
        assertThat(sub.received(Publish.class)).extracting(Publish::topic).containsExactly("t/ok");
        assertThat(pub.isClosed()).isFalse();
    }

    @Test
    void refuseChecksTheByteRateToo() {
        CoreHarness harness =
                harness(l -> l.maxPublishBytesRate(10).publishBytesBurst(10).ratePolicy(RatePolicy.REFUSE));
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        pub.send(publish("t/1", 1, 1, "x".repeat(8)), publish("t/2", 1, 2, "x".repeat(8)));
        assertThat(pub.received(PubAck.class))
                .extracting(PubAck::reasonCode)
                .containsExactly(ReasonCode.SUCCESS, ReasonCode.QUOTA_EXCEEDED);
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_BYTES_RATE)).isEqualTo(1);
    }

    @Test
    void withoutLimitsNothingIsChecked() {
        CoreHarness harness = new CoreHarness();
        TestClient pub = harness.client();
        pub.connect(connect5("pub"));
        for (int i = 1; i <= 50; i++) {
            pub.send(publish("t", 1, i, "x"));
        }
        assertThat(pub.received(PubAck.class)).hasSize(50).allMatch(a -> a.reasonCode() == ReasonCode.SUCCESS);
        assertThat(pub.outbound().isReadingPaused()).isFalse();
    }

    @Test
    void aLongPauseDoesNotRunOutTheKeepAlive() {
        CoreHarness harness = harness(l -> l.maxPublishBytesRate(10).publishBytesBurst(10));
        TestClient pub = harness.client();
        pub.connect(Packets.withKeepAlive(connect5("pub"), 2)); // times out after 3 s without packets
        pub.send(publish("t", 0, 0, "x".repeat(60))); // 50 bytes of debt at 10 B/s: paused for 5 s
        assertThat(pub.outbound().isReadingPaused()).isTrue();
        harness.advance(Duration.ofMillis(4_900));
        assertThat(pub.isClosed()).isFalse();
        harness.advance(Duration.ofMillis(100));
        assertThat(pub.outbound().isReadingPaused()).isFalse();
        // resumed: the client has at least its keep-alive (2 s) to be heard, then its own silence counts again
        harness.advance(Duration.ofMillis(1_900));
        assertThat(pub.isClosed()).isFalse();
        harness.advance(Duration.ofMillis(1_100));
        assertThat(pub.isClosed()).isTrue();
    }
}
