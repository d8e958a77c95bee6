package io.cicada.tests.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import io.cicada.tests.ThirdPartyClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic wildcards {@code +} and {@code #}, and topics starting with {@code $} (§4.7). */
class WildcardTest {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void plusMatchesExactlyOneLevel() {
        List<String> got = deliveredTopics(
                "sport/+/player", "sport/tennis/player", "sport/player", "sport/tennis/x/player", "sport//player");
        // [MQTT-4.7.1-3] (3.1.1) '+' matches exactly one level, which may be empty
        assertThat(got).containsExactly("sport/tennis/player", "sport//player");
    }

    @Test
    void hashMatchesTheParentLevelAndAllBelow() {
        List<String> got =
                deliveredTopics("finance/#", "finance", "finance/stock", "finance/stock/ibm", "fin", "other");
        // [MQTT-4.7.1-2] '#' matches the parent level and any number of child levels
        assertThat(got).containsExactly("finance", "finance/stock", "finance/stock/ibm");
    }

    @Test
    void plusAloneMatchesSingleLevelTopicsOnly() {
        List<String> got = deliveredTopics("+", "single", "two/levels", "/leading");
        assertThat(got).containsExactly("single");
    }

    @Test
    void hashAloneMatchesEverythingNotStartingWithDollar() {
        try (RawMqttClient all = broker.rawClient();
                RawMqttClient plus = broker.rawClient();
                RawMqttClient dollar = broker.rawClient()) {
            all.connect(MqttVersion.MQTT_5, "dollar-hash", true, 60);
            all.subscribe("#", 0);
            plus.connect(MqttVersion.MQTT_5, "dollar-plus", true, 60);
            plus.subscribe("+/wild/x", 0);
            dollar.connect(MqttVersion.MQTT_5, "dollar-exact", true, 60);
            dollar.subscribe("$SYS/wild/#", 0);
            // The broker itself publishes to a $ topic (clients may not)
            broker.broker()
                    .core()
                    .publish(new Message(
                            "$SYS/wild/x",
                            0,
                            false,
                            Payload.utf8("internal"),
                            Properties.EMPTY,
                            null,
                            System.currentTimeMillis()));
            // a filter naming the $ level explicitly matches
            assertThat(dollar.receive(Publish.class, WAIT).topic()).isEqualTo("$SYS/wild/x");
            // [MQTT-4.7.2-1] '#' and '+' as the first level do not match topics starting with '$'
            for (Publish p = poll(all); p != null; p = poll(all)) {
                assertThat(p.topic()).doesNotStartWith("$");
            }
            plus.expectNothing(Duration.ofMillis(200));
        }
    }

    private static Publish poll(RawMqttClient client) {
        return (Publish) client.poll(Duration.ofMillis(300));
    }

    private static List<String> deliveredTopics(String filter, String... topics) {
        String id = "wc-" + Integer.toHexString(filter.hashCode());
        Mqtt5BlockingClient sub = ThirdPartyClients.hivemq5(broker, id + "-sub");
        Mqtt5BlockingClient pub = ThirdPartyClients.hivemq5(broker, id + "-pub");
        sub.connect();
        pub.connect();
        List<String> got = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ThirdPartyClients.publishes(sub)) {
            sub.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            for (String topic : topics) {
                pub.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(topic.getBytes())
                        .send();
            }
            pub.publishWith().topic("wc-end/" + id).qos(MqttQos.AT_LEAST_ONCE).send();
            sub.subscribeWith().topicFilter("wc-end/" + id).send();
            pub.publishWith().topic("wc-end/" + id).qos(MqttQos.AT_LEAST_ONCE).send();
            // the marker comes after every earlier publish from the same publisher [MQTT-4.6.0-6]
            while (true) {
                String topic = ThirdPartyClients.next(received).getTopic().toString();
                if (topic.equals("wc-end/" + id)) {
                    break;
                }
                got.add(topic);
            }
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
        return got;
    }
}
