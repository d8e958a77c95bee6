package io.cicada.tests.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code maxKeepAliveSeconds}: MQTT 5 clients asking for more (or 0) get Server Keep Alive, which is enforced. */
class ServerKeepAliveTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxKeepAliveSeconds(2));

    @Test
    void longerKeepAliveIsOverriddenByServerKeepAlive() {
        Mqtt5BlockingClient client = ThirdPartyClients.hivemq5(broker, "ska-hivemq");
        Mqtt5ConnAck ack = client.connectWith().keepAlive(60).send();
        try {
            // [MQTT-3.2.2-21] the client MUST use the Server Keep Alive the server returns
            assertThat(ack.getServerKeepAlive()).hasValue(2);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void keepAliveZeroIsOverriddenToo() {
        try (RawMqttClient client = broker.rawClient()) {
            ConnAck ack = client.connect(MqttVersion.MQTT_5, "ska-zero", true, 0);
            assertThat(ack.properties().serverKeepAlive()).isEqualTo(2);
        }
    }

    @Test
    void serverKeepAliveIsEnforced() {
        try (RawMqttClient client = broker.rawClient()) {
            client.connect(MqttVersion.MQTT_5, "ska-enforced", true, 60);
            // the server keep-alive of 2 s applies: disconnected after about 3 s, not after 90 s
            Disconnect disconnect = client.receive(Disconnect.class, Duration.ofSeconds(6));
            assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.KEEP_ALIVE_TIMEOUT);
        }
    }
}
