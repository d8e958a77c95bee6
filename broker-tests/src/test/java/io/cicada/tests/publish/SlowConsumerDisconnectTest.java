package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.SlowConsumerPolicy;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slow_consumer_policy: disconnect}: a subscriber congested past the timeout is disconnected with 0x97, counted,
 * and its publishers are read again; a persistent session keeps its messages for the next connection.
 */
class SlowConsumerDisconnectTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.slowConsumerBacklog(4)
            .maxInflightMessages(2)
            .slowConsumerTimeoutSeconds(1)
            .slowConsumerPolicy(SlowConsumerPolicy.DISCONNECT));

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void subscriberCongestedPastTheTimeoutIsDisconnectedWithQuotaExceeded() {
        BrokerStats stats = broker.broker().core().stats();
        long slowBefore = stats.slowConsumers();
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(persistent("slow-disc-sub"));
            sub.subscribe("slowdisc/t", 1);
            pub.connect(MqttVersion.MQTT_3_1_1, "slow-disc-pub", true, 60);
            int sent = 0;
            boolean paused = false;
            while (!paused && sent < 50) {
                sent++;
                pub.send(new Publish("slowdisc/t", 1, false, false, sent, Properties.EMPTY, Payload.utf8("m" + sent)));
                paused = pub.poll(Duration.ofMillis(300)) == null;
            }
            assertThat(paused)
                    .as("the publisher is paused while the subscriber is behind")
                    .isTrue();

            // The subscriber never acknowledges: a second later it is told why and closed.
            Disconnect disconnect = sub.receiveFirst(Disconnect.class, WAIT);
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            assertThat(sub.awaitClosed(WAIT)).isTrue();
            assertThat(stats.slowConsumers()).isEqualTo(slowBefore + 1);

            // Its publisher is read again, and the persistent session kept the messages.
            assertThat(pub.receive(PubAck.class, WAIT).packetId()).isEqualTo(sent);
            try (RawMqttClient again = broker.rawClient()) {
                again.connect(persistent("slow-disc-sub"));
                Publish first = again.receive(Publish.class, WAIT);
                assertThat(first.payload().asUtf8()).isEqualTo("m1");
                assertThat(first.dup()).isTrue(); // [MQTT-4.4.0-1] re-sent from the in-flight window
            }
        }
    }

    static Connect persistent(String clientId) {
        Properties expiry = Properties.builder().sessionExpiryInterval(60L).build();
        return new Connect(MqttVersion.MQTT_5, clientId, false, 60, null, null, null, expiry);
    }
}
