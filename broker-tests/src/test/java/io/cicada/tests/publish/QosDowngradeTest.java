package io.cicada.tests.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.tests.ThirdPartyClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A message is delivered at the lower of its published QoS and the subscription's granted QoS. */
class QosDowngradeTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    @ParameterizedTest(name = "published QoS {0}, subscribed QoS {1} -> delivered QoS {2}")
    @CsvSource({"2,0,0", "2,1,1", "1,0,0", "0,2,0", "1,2,1", "2,2,2"})
    void deliveryQosIsTheMinimumOfPublishedAndGranted(int published, int subscribed, int expected) {
        String topic = "downgrade/" + published + subscribed;
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, "dg-sub-" + published + subscribed);
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, "dg-pub-" + published + subscribed);
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith()
                    .topicFilter(topic)
                    .qos(MqttQos.fromCode(subscribed))
                    .send();
            pub.publishWith()
                    .topic(topic)
                    .qos(MqttQos.fromCode(published))
                    .payload(new byte[] {1})
                    .send();
            Mqtt5Publish message = ThirdPartyClients.next(received);
            // [MQTT-3.8.4-8] (5.0) / [MQTT-3.8.4-6] (3.1.1): delivered QoS = min(published QoS, granted QoS)
            assertThat(message.getQos().getCode()).isEqualTo(expected);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void mqtt311SubscriberGetsDowngradedDelivery() throws Exception {
        var sub = ThirdPartyClients.hivemq3(broker, "dg3-sub");
        var pub = ThirdPartyClients.hivemq5(broker, "dg3-pub");
        sub.connect();
        pub.connect();
        try (var received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.subscribeWith()
                            .topicFilter("downgrade/v3")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send()
                            .getReturnCodes()
                            .get(0)
                            .getCode())
                    .isEqualTo(1);
            pub.publishWith()
                    .topic("downgrade/v3")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload(new byte[] {2})
                    .send();
            assertThat(ThirdPartyClients.next(received).getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }
}
