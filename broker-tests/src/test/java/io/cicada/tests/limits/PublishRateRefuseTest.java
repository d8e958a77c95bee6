package io.cicada.tests.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.RatePolicy;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code max_publish_rate} / {@code max_publish_bytes_rate} with {@code rate_limit_policy: refuse}: MQTT 5 QoS 1 and 2
 * over the rate get 0x97 Quota exceeded, QoS 0 is dropped, MQTT 3.1.1 is acknowledged and dropped; the publisher stays
 * connected and other clients are served.
 */
class PublishRateRefuseTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create()
            .withSettings(s -> s.limits(ClientLimits.builder()
                    .maxPublishRate(1)
                    .publishRateBurst(2)
                    .maxPublishBytesRate(2_000)
                    .publishBytesBurst(1_000)
                    .ratePolicy(RatePolicy.REFUSE)
                    .build()));

    private static Publish publish(String topic, int qos, int packetId, String payload) {
        return new Publish(topic, qos, false, false, packetId, Properties.EMPTY, Payload.utf8(payload));
    }

    /** The topics of the messages {@code sub} got until nothing more came for a moment. */
    private static List<String> topicsReceived(Mqtt5BlockingClient.Mqtt5Publishes received) throws Exception {
        List<String> topics = new ArrayList<>();
        while (true) {
            var next = received.receive(ThirdPartyClients.QUIET.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (next.isEmpty()) {
                return topics;
            }
            topics.add(next.get().getTopic().toString());
        }
    }

    @Test
    void mqtt5OverTheRateGetsQuotaExceededAndQos0IsDropped() throws Exception {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "refuse-sub5");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("refuse5/#")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .send();
            try (RawMqttClient pub = broker.rawClient()) {
                pub.connect(MqttVersion.MQTT_5, "refuse-raw5", true, 60);
                pub.send(publish("refuse5/a", 1, 1, "1"));
                pub.send(publish("refuse5/b", 1, 2, "2"));
                pub.send(publish("refuse5/c", 1, 3, "3"));
                pub.send(publish("refuse5/d", 2, 4, "4"));
                pub.send(publish("refuse5/e", 0, 0, "5"));
                List<Integer> pubAcks = new ArrayList<>();
                pubAcks.add(pub.receive(PubAck.class, WAIT).reasonCode());
                pubAcks.add(pub.receive(PubAck.class, WAIT).reasonCode());
                pubAcks.add(pub.receive(PubAck.class, WAIT).reasonCode());
                PubRec pubRec = pub.receive(PubRec.class, WAIT);
                assertThat(pubAcks).containsExactly(ReasonCode.SUCCESS, ReasonCode.SUCCESS, ReasonCode.QUOTA_EXCEEDED);
                assertThat(pubRec.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
                assertThat(topicsReceived(received)).containsExactly("refuse5/a", "refuse5/b");
                assertThat(pub.isClosedByBroker()).isFalse();

                // Another client is not affected by this one's rate.
                Mqtt5BlockingClient other = ThirdPartyClients.hivemq5(broker, "refuse-other5");
                other.connect();
                other.publishWith()
                        .topic("refuse5/other")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                assertThat(ThirdPartyClients.next(received).getTopic().toString())
                        .isEqualTo("refuse5/other");
                other.disconnect();

                // A token a second: the refused publisher is served again.
                Awaitility.await().atMost(WAIT).until(() -> {
                    int id = pub.nextPacketId();
                    pub.send(publish("refuse5/later", 1, id, "later"));
                    return pub.receive(PubAck.class, WAIT).reasonCode() == ReasonCode.SUCCESS;
                });
                assertThat(ThirdPartyClients.next(received).getTopic().toString())
                        .isEqualTo("refuse5/later");
            }
        }
        sub.disconnect();
    }

    @Test
    void hivemqClientSeesQuotaExceeded() {
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "refuse-hivemq");
        pub.connect();
        Mqtt5PubAckException refused = null;
        int accepted = 0;
        for (int i = 0; i < 10 && refused == null; i++) { // a burst of 2, then one a second
            try {
                pub.publishWith().topic("refuse/h").qos(MqttQos.AT_LEAST_ONCE).send();
                accepted++;
            } catch (Mqtt5PubAckException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(accepted).isBetween(2, 4);
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
        assertThat(pub.getState().isConnected()).isTrue();
        pub.disconnect();
    }

    @Test
    void mqtt311OverTheRateIsAcknowledgedAndDropped() throws Exception {
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "refuse-sub311");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter("refuse311/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            try (RawMqttClient pub = broker.rawClient()) {
                pub.connect(MqttVersion.MQTT_3_1_1, "refuse-raw311", true, 60);
                for (int id = 1; id <= 4; id++) {
                    pub.send(publish("refuse311/" + id, 1, id, "x"));
                }
                // [MQTT-3.3.5-2] a PUBLISH the server does not perform gets a positive acknowledgement in 3.1.1
                for (int id = 1; id <= 4; id++) {
                    MqttPacket ack = pub.receive(WAIT);
                    assertThat(ack).isEqualTo(new PubAck(id));
                }
                assertThat(topicsReceived(received)).containsExactly("refuse311/1", "refuse311/2");
                assertThat(pub.isClosedByBroker()).isFalse();
            }
        }
        sub.disconnect();
    }

    @Test
    void overTheByteRateIsRefusedToo() {
        long hitsBefore = broker.broker().core().stats().limitHits(Limit.PUBLISH_BYTES_RATE);
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "refuse-bytes");
        pub.connect();
        byte[] big = "x".repeat(1_500).getBytes(StandardCharsets.UTF_8); // more than the 1000-byte burst
        assertThatThrownBy(() -> pub.publishWith()
                        .topic("refuse/bytes")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(big)
                        .send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED));
        pub.publishWith()
                .topic("refuse/bytes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("small".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(broker.broker().core().stats().limitHits(Limit.PUBLISH_BYTES_RATE))
                .isEqualTo(hitsBefore + 1);
        pub.disconnect();
    }
}
