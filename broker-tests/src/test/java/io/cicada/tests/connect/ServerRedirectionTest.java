package io.cicada.tests.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.cicada.broker.Mqtt5Settings;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/** Server redirection (5.0 §4.11) and Response Information, seen by HiveMQ, Paho and raw clients. */
class ServerRedirectionTest {
    private static Broker start(Mqtt5Settings mqtt5) {
        return Broker.builder()
                .config(ServerConfig.defaults().withMqtt5(mqtt5))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
    }

    @Test
    void hivemqClientIsToldToUseAnotherServer() {
        try (Broker broker =
                start(Mqtt5Settings.builder().redirectTo("other.example:1883").build())) {
            var client = Mqtt5Client.builder()
                    .identifier("redirected")
                    .serverHost("127.0.0.1")
                    .serverPort(broker.port())
                    .buildBlocking();
            assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> {
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.USE_ANOTHER_SERVER);
                assertThat(e.getMqttMessage().getServerReference().map(Object::toString))
                        .hasValue("other.example:1883");
            });
        }
    }

    @Test
    void drainingDisconnectsConnectedClientsWithServerMovedAndTheReference() throws Exception {
        try (Broker broker = start(Mqtt5Settings.defaults())) {
            MqttClient paho = new MqttClient(broker.uri(), "drained-paho", new MemoryPersistence());
            paho.setTimeToWait(ThirdPartyClients.TIMEOUT.toMillis());
            CompletableFuture<MqttDisconnectResponse> told = new CompletableFuture<>();
            paho.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    told.complete(response);
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {}

                @Override
                public void messageArrived(String topic, MqttMessage message) {}

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            paho.connect();
            try (RawMqttClient raw = RawMqttClient.connect("127.0.0.1", broker.port())) {
                raw.connect(MqttVersion.MQTT_5, "drained-raw", true, 60);
                broker.core().redirect("next.example:1883", true);
                Disconnect disconnect = raw.receive(Disconnect.class, Duration.ofSeconds(5));
                assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED);
                assertThat(disconnect.properties().serverReference()).isEqualTo("next.example:1883");
                MqttDisconnectResponse response = told.get(5, TimeUnit.SECONDS);
                assertThat(response.getReturnCode()).isEqualTo(ReasonCode.SERVER_MOVED);
                assertThat(response.getServerReference()).isEqualTo("next.example:1883");
            } finally {
                paho.close(true);
            }
            try (RawMqttClient late = RawMqttClient.connect("127.0.0.1", broker.port())) {
                var ack = late.connect(MqttVersion.MQTT_5, "late", true, 60);
                assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED);
                assertThat(ack.properties().serverReference()).isEqualTo("next.example:1883");
            }
        }
    }

    @Test
    void pahoGetsResponseInformationWhenItAsks() throws Exception {
        try (Broker broker = start(
                Mqtt5Settings.builder().responseInformation("reply/{clientid}/").build())) {
            MqttClient paho = new MqttClient(broker.uri(), "asks-rri", new MemoryPersistence());
            paho.setTimeToWait(ThirdPartyClients.TIMEOUT.toMillis());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setRequestResponseInfo(true);
            IMqttToken token = paho.connectWithResult(options);
            try {
                assertThat(token.getResponseProperties().getResponseInfo()).isEqualTo("reply/asks-rri/");
            } finally {
                paho.disconnect();
                paho.close();
            }
        }
    }
}
