package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several publishers and subscribers at once, spread over the broker's event loops: every subscriber gets every
 * message, and each publisher's messages arrive in the order sent.
 */
class FanOutTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final int PUBLISHERS = 3;
    static final int SUBSCRIBERS = 8;
    static final int MESSAGES = 100;

    @Test
    void everySubscriberGetsEveryMessageInPublisherOrder() throws Exception {
        List<Mqtt5BlockingClient> subscribers = new ArrayList<>();
        List<Mqtt5BlockingClient.Mqtt5Publishes> streams = new ArrayList<>();
        List<Mqtt5BlockingClient> publishers = new ArrayList<>();
        try {
            for (int s = 0; s < SUBSCRIBERS; s++) {
                Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "fan-sub-" + s);
                sub.connect();
                subscribers.add(sub);
                streams.add(ThirdPartyClients.publishes(sub));
                sub.subscribeWith()
                        .topicFilter("fan/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
            }
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "fan-pub-" + p);
                pub.connect();
                publishers.add(pub);
                Mqtt5AsyncClient async = pub.toAsync();
                for (int i = 0; i < MESSAGES; i++) {
                    sent.add(async.publishWith()
                            .topic("fan/" + p)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload((p + ":" + i).getBytes(StandardCharsets.UTF_8))
                            .send());
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (Mqtt5BlockingClient.Mqtt5Publishes stream : streams) {
                Map<Integer, Integer> lastSeen = new HashMap<>();
                for (int n = 0; n < PUBLISHERS * MESSAGES; n++) {
                    Mqtt5Publish message = ThirdPartyClients.next(stream);
                    String[] parts = ThirdPartyClients.utf8(message).split(":");
                    int publisher = Integer.parseInt(parts[0]);
                    int sequence = Integer.parseInt(parts[1]);
                    // [MQTT-4.6.0-6] an ordered topic: one publisher's messages arrive in the order published
                    assertThat(sequence).isEqualTo(lastSeen.getOrDefault(publisher, -1) + 1);
                    lastSeen.put(publisher, sequence);
                }
                ThirdPartyClients.expectNoMessage(stream);
            }
        } finally {
            streams.forEach(Mqtt5BlockingClient.Mqtt5Publishes::close);
            subscribers.forEach(Mqtt5BlockingClient::disconnect);
            publishers.forEach(Mqtt5BlockingClient::disconnect);
        }
    }

    @Test
    void hundredConcurrentConnectionsAllReceiveOnePublish() {
        List<RawMqttClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                RawMqttClient client = broker.rawClient();
                clients.add(client);
                client.send(
                        new Connect(MqttVersion.MQTT_3_1_1, "many-" + i, true, 60, null, null, null, Properties.EMPTY),
                        MqttVersion.MQTT_3_1_1);
            }
            for (RawMqttClient client : clients) {
                assertThat(client.receive(ConnAck.class, Duration.ofSeconds(10)).reasonCode())
                        .isZero();
                assertThat(client.subscribe("many/t", 0).reasonCodes()).containsExactly(0);
            }
            clients.get(0).send(Publish.qos0("many/t", Payload.utf8("all")));
            for (RawMqttClient client : clients) {
                assertThat(client.receive(Publish.class, Duration.ofSeconds(10))
                                .payload()
                                .asUtf8())
                        .isEqualTo("all");
            }
        } finally {
            clients.forEach(RawMqttClient::close);
        }
    }
}
