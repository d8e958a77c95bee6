package io.cicada.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs each benchmark body once on a small set-up, so the default build proves the benchmarks measure what they claim
 * (a decode yields the PUBLISH, a match finds the expected subscriptions) without running JMH.
 */
class BenchmarkSmokeTest {
    private static final Blackhole HOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void codecDecodesWhatItEncodesInBothVersions() {
        for (String version : new String[] {"3.1.1", "5"}) {
            CodecBenchmark codec = new CodecBenchmark();
            codec.size = 1024;
            codec.version = version;
            codec.setUp();
            try {
                Publish decoded = (Publish) codec.decode();
                Publish expected = Messages.publish(Messages.version(version), 1024, 7);
                assertThat(decoded.topic()).isEqualTo(Messages.TOPIC);
                assertThat(decoded.packetId()).isEqualTo(7);
                assertThat(decoded.payload()).isEqualTo(expected.payload());
                assertThat(decoded.properties()).isEqualTo(expected.properties());
                assertThat(codec.encode()).isEqualTo(codec.encodedSize());
                // A second decode of the same bytes works too: the benchmark loop repeats it.
                assertThat(codec.decode()).isEqualTo(decoded);
            } finally {
                codec.tearDown();
            }
        }
    }

    @Test
    void version5PublishCarriesItsPropertiesOnTheWire() {
        int v311 = MqttEncoder.encodedSize(Messages.publish(MqttVersion.MQTT_3_1_1, 64, 1), MqttVersion.MQTT_3_1_1);
        int v5 = MqttEncoder.encodedSize(Messages.publish(MqttVersion.MQTT_5, 64, 1), MqttVersion.MQTT_5);
        assertThat(v5 - v311).isGreaterThan(80);
    }

    @Test
    void treeMatchesTheExactAndWildcardSubscriptionsOfATopic() {
        TopicTreeBenchmark bench = new TopicTreeBenchmark();
        bench.subscriptions = 5000;
        bench.setUp();
        assertThat(bench.size()).isEqualTo(5000);
        // device 5 of site 2: its exact subscription, the site's 10 "+" and 10 "#" subscriptions.
        assertThat(bench.matches("site/2/device/5/temperature")).isEqualTo(21);
        // device 0 and 1 of each site hold the wildcards themselves, so nobody has their exact topic.
        assertThat(bench.matches("site/2/device/1/temperature")).isEqualTo(20);
        assertThat(bench.matches("site/2/gateway/5/status")).isEqualTo(10);
        TopicTreeBenchmark.Cursor cursor = new TopicTreeBenchmark.Cursor();
        bench.matchPublishedTopic(cursor, HOLE);
        bench.matchMissedTopic(cursor, HOLE);
        assertThat(bench.subscribeUnsubscribeExistingFilter(cursor)).isTrue();
        assertThat(bench.subscribeUnsubscribeNewFilter(cursor)).isTrue();
        assertThat(bench.size()).isEqualTo(5000);
    }

    @Test
    void fanOutEncodesOnePacketPerRecipient() {
        FanOutBenchmark fanOut = new FanOutBenchmark();
        fanOut.recipients = 50;
        fanOut.size = 1024;
        fanOut.version = "5";
        fanOut.setUp();
        int one = MqttEncoder.encodedSize(Messages.publish(MqttVersion.MQTT_5, 1024, 1), MqttVersion.MQTT_5);
        assertThat(fanOut.encodeForEveryRecipient()).isEqualTo(50L * one);
    }
}
