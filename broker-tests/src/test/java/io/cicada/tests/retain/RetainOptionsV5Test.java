package io.cicada.tests.retain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.RawMqttClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 subscription options about retained messages: Retain As Published and Retain Handling 0/1/2. */
class RetainOptionsV5Test {
    @RegisterExtension
    static CicadaBroker broker = CicadaBroker.create();

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(400);

    @BeforeEach
    void retainOneMessage() {
        try (RawMqttClient pub = broker.rawClient()) {
            pub.connect(MqttVersion.MQTT_5, "rh-pub", true, 60);
            pub.send(new Publish("rh/t", 1, false, true, 1, Properties.EMPTY, Payload.utf8("kept")));
            pub.receive(PubAck.class, WAIT);
        }
    }

    @Test
    void retainAsPublishedKeepsTheFlagOnLiveDeliveries() {
        try (RawMqttClient sub = broker.rawClient();
                RawMqttClient pub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "rap", true, 60);
            sub.subscribe(new Subscription("rap/+", 0, false, true, 0), new Subscription("rap2/+", 0, false, false, 0));
            pub.connect(MqttVersion.MQTT_5, "rap-pub", true, 60);
            pub.send(new Publish("rap/x", 0, false, true, 0, Properties.EMPTY, Payload.utf8("a")));
            pub.send(new Publish("rap2/x", 0, false, true, 0, Properties.EMPTY, Payload.utf8("b")));
            // [MQTT-3.3.1-12] Retain As Published 1: RETAIN as published; 0: RETAIN 0 on live deliveries
            assertThat(sub.receive(Publish.class, WAIT).retain()).isTrue();
            assertThat(sub.receive(Publish.class, WAIT).retain()).isFalse();
        }
    }

    @Test
    void retainHandling0SendsRetainedOnEverySubscribe() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "rh0", true, 60);
            sub.subscribe(new Subscription("rh/t", 0, false, false, 0));
            assertThat(sub.receive(Publish.class, WAIT).retain()).isTrue();
            sub.subscribe(new Subscription("rh/t", 0, false, false, 0));
            // [MQTT-3.3.1-9] (5.0) Retain Handling 0: retained messages on every subscribe
            assertThat(sub.receive(Publish.class, WAIT).payload().asUtf8()).isEqualTo("kept");
        }
    }

    @Test
    void retainHandling1SendsRetainedOnlyForANewSubscription() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "rh1", true, 60);
            sub.subscribe(new Subscription("rh/t", 0, false, false, 1));
            assertThat(sub.receive(Publish.class, WAIT).retain()).isTrue();
            sub.subscribe(new Subscription("rh/t", 0, false, false, 1));
            // [MQTT-3.3.1-10] Retain Handling 1: only if the subscription did not already exist
            sub.expectNothing(QUIET);
        }
    }

    @Test
    void retainHandling2NeverSendsRetained() {
        try (RawMqttClient sub = broker.rawClient()) {
            sub.connect(MqttVersion.MQTT_5, "rh2", true, 60);
            sub.subscribe(new Subscription("rh/t", 0, false, false, 2));
            // [MQTT-3.3.1-11] Retain Handling 2: retained messages are not sent
            sub.expectNothing(QUIET);
        }
    }
}
