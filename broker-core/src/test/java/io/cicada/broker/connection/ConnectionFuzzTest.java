package io.cicada.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.auth.ScramAuthentication;
import io.cicada.broker.auth.ScramCredential;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import io.cicada.broker.routing.SharingStrategy;
import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.mqtt.packet.Will;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the connection state machine: a fuzzer-chosen sequence of well-formed packets (any type, in any order, with
 * fuzzer-chosen flags, packet ids, topics, shared filters, topic aliases, expiry intervals and AUTH steps), dropped
 * connections and clock jumps, from three clients on two event loops of a {@link CoreHarness}. No exception may
 * escape the core, the loops must go idle, and every PUBLISH the broker sends names a topic or a topic alias.
 * Malformed bytes are the decoder's business and are fuzzed by {@code MqttDecoderFuzzTest}.
 *
 * <p>Runs for {@code jazzer.max_duration} (20 s; 10 min with {@code -Pfuzz}); prints its execution count.
 */
class ConnectionFuzzTest {
    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static final String[] TOPICS = {"a", "a/b", "$SYS/x", "s/1", "", "a/+"};
    private static final String[] FILTERS = {"a/#", "+", "#", "$share/g/a/#", "$share/h/s/+", "a/b", "a//", "$share//x"
    };
    private static final ScramAuthentication SCRAM =
            new ScramAuthentication(List.of(ScramCredential.derive("u", "p", ScramHash.SHA_256, 64)));

    @FuzzTest(maxDuration = "20s")
    void anyPacketSequenceLeavesTheCoreConsistent(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        CoreHarness harness = new CoreHarness(
                BrokerSettings.builder()
                        .sysIntervalSeconds(0)
                        .maxInflightMessages(3)
                        .maxQueuedMessages(20)
                        .topicAliasMaximum(2)
                        .build(),
                b -> b.enhancedAuthentication(SCRAM)
                        .mqtt5(Mqtt5Settings.builder()
                                .sharingStrategy(data.pickValue(SharingStrategy.values()))
                                .outboundTopicAliasMaximum(2)
                                .build()));
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(harness.client(i % 2 == 0 ? harness.loopA : harness.loopB));
        }
        int steps = data.consumeInt(1, 60);
        for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
            int which = data.consumeInt(0, clients.size() - 1);
            TestClient client = clients.get(which);
            int action = data.consumeInt(0, 15);
            if (action == 14) {
                client.dropConnection();
                clients.set(which, harness.client(which % 2 == 0 ? harness.loopA : harness.loopB));
            } else if (action == 15) {
                harness.advance(Duration.ofMillis(data.consumeInt(0, 5_000)));
            } else {
                client.send(packet(action, data));
            }
        }
        harness.runAll();
        for (TestClient client : clients) {
            for (Publish sent : client.received(Publish.class)) {
                // an outbound PUBLISH names its topic or an alias the client was told about before
                assertThat(!sent.topic().isEmpty() || sent.properties().topicAlias() != null)
                        .isTrue();
            }
        }
    }

    private static MqttPacket packet(int action, FuzzedDataProvider data) {
        return switch (action) {
            case 0 -> connect(data);
            case 1, 2 -> publish(data);
            case 3 -> new PubAck(packetId(data));
            case 4 -> new PubRec(packetId(data), data.pickValue(new Integer[] {0, 0x80}), Properties.EMPTY);
            case 5 -> new PubRel(packetId(data));
            case 6 -> new PubComp(packetId(data));
            case 7, 8 ->
                new Subscribe(
                        packetId(data),
                        List.of(new Subscription(
                                data.pickValue(FILTERS),
                                data.consumeInt(0, 2),
                                data.consumeBoolean(),
                                data.consumeBoolean(),
                                data.consumeInt(0, 2))),
                        data.consumeBoolean()
                                ? Properties.builder()
                                        .addSubscriptionIdentifier(data.consumeInt(1, 5))
                                        .build()
                                : Properties.EMPTY);
            case 9 -> new Unsubscribe(packetId(data), List.of(data.pickValue(FILTERS)), Properties.EMPTY);
            case 10 -> PingReq.INSTANCE;
            case 11 ->
                new Disconnect(
                        data.pickValue(new Integer[] {0, 4, 0x80}),
                        data.consumeBoolean()
                                ? Properties.builder()
                                        .sessionExpiryInterval((long) data.consumeInt(0, 100))
                                        .build()
                                : Properties.EMPTY);
            case 12 ->
                new Auth(
                        data.pickValue(new Integer[] {0x18, 0x19, 0}),
                        Properties.builder()
                                .authenticationMethod(data.pickValue(new String[] {"SCRAM-SHA-256", "X"}))
                                .authenticationData(data.consumeBytes(40))
                                .build());
            default -> publish(data);
        };
    }

    private static Connect connect(FuzzedDataProvider data) {
        MqttVersion version = data.pickValue(MqttVersion.values());
        boolean v5 = version.isV5();
        Properties.Builder properties = Properties.builder();
        if (v5 && data.consumeBoolean()) {
            properties.sessionExpiryInterval((long) data.consumeInt(0, 100));
        }
        if (v5 && data.consumeBoolean()) {
            properties.receiveMaximum(data.consumeInt(1, 4));
        }
        if (v5 && data.consumeBoolean()) {
            properties.topicAliasMaximum(data.consumeInt(0, 3));
        }
        if (v5 && data.consumeBoolean()) {
            properties.maximumPacketSize((long) data.consumeInt(16, 200));
        }
        if (v5 && data.consumeBoolean()) {
            properties.authenticationMethod("SCRAM-SHA-256").authenticationData(data.consumeBytes(40));
        }
        Will will = data.consumeBoolean()
                ? new Will(
                        "w",
                        Payload.wrap(data.consumeBytes(8)),
                        data.consumeInt(0, 2),
                        data.consumeBoolean(),
                        v5 && data.consumeBoolean()
                                ? Properties.builder()
                                        .willDelayInterval((long) data.consumeInt(0, 3))
                                        .build()
                                : Properties.EMPTY)
                : null;
        return new Connect(
                version,
                "c" + data.consumeInt(0, 2),
                data.consumeBoolean(),
                data.consumeInt(0, 5),
                null,
                null,
                will,
                v5 ? properties.build() : Properties.EMPTY);
    }

    private static Publish publish(FuzzedDataProvider data) {
        int qos = data.consumeInt(0, 2);
        Properties.Builder properties = Properties.builder();
        if (data.consumeBoolean()) {
            properties.topicAlias(data.consumeInt(0, 3));
        }
        if (data.consumeBoolean()) {
            properties.payloadFormatIndicator(1);
        }
        if (data.consumeBoolean()) {
            properties.messageExpiryInterval((long) data.consumeInt(0, 3));
        }
        return new Publish(
                data.pickValue(TOPICS),
                qos,
                data.consumeBoolean(),
                data.consumeBoolean(),
                qos == 0 ? 0 : packetId(data),
                properties.build(),
                Payload.wrap(data.consumeBytes(16)));
    }

    private static int packetId(FuzzedDataProvider data) {
        return data.consumeInt(1, 4);
    }

    @AfterAll
    static void reportExecutions() {
        System.out.println("ConnectionFuzzTest executions: " + EXECUTIONS.get());
    }
}
