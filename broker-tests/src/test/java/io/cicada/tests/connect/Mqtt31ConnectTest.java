package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.testkit.CicadaBroker;
import io.cicada.tests.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 3.1 (protocol name {@code MQIsdp}, level 3) with Eclipse Paho's MQTT 3.1 mode. */
class Mqtt31ConnectTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @Test
    void pahoMqtt31ClientConnectsSubscribesAndReceives() throws Exception {
        MqttClient client = ThirdPartyClients.pahoV3(broker, "paho31");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        client.connect(options);
        try {
            assertThat(client.isConnected()).isTrue();
            BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(10);
            client.subscribe("legacy/+", 2, (topic, message) -> received.add(message));
            client.publish("legacy/a", "old-school".getBytes(StandardCharsets.UTF_8), 1, false);
            MqttMessage message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("message within 5 s").isNotNull();
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("old-school");
            assertThat(message.getQos()).isEqualTo(1);
        } finally {
            client.disconnect(2_000);
            client.close();
        }
    }
}
