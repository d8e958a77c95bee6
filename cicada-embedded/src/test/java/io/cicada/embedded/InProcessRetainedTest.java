package io.cicada.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.InProcessSubscription;
import io.cicada.cli.client.BlockingClient;
import io.cicada.cli.client.Endpoint;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.server.Broker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An in-process subscription follows a client subscription's retained-message rules: the matching retained messages
 * (published by a network client) first, with RETAIN=1, unless Retain Handling is 2; live messages with RETAIN=0
 * unless Retain As Published.
 */
class InProcessRetainedTest {
    private Broker broker;
    private BlockingClient publisher;
    private final LinkedBlockingQueue<Message> inside = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        broker = Broker.builder().port(0).build().start();
        publisher = BlockingClient.connect(
                Endpoint.tcp("127.0.0.1", broker.port()),
                new Connect(MqttVersion.MQTT_5, "retained-pub", true, 30, null, null, null, Properties.EMPTY));
        publish("home/kitchen/temperature", "21.5", true);
        publish("home/hall/temperature", "19.0", true);
        publish("garden/temperature", "12.0", true);
    }

    @AfterEach
    void stop() {
        publisher.close();
        broker.close();
    }

    @Test
    void retainedMessagesComeFirstWithRetainSetThenLiveOnesWithout() throws Exception {
        try (InProcessSubscription subscription = broker.subscribe("home/+/temperature", 1, inside::add)) {
            // [MQTT-3.3.1-9] retained messages are sent when a subscription is made, [MQTT-3.3.1-8] with RETAIN=1
            Message first = next();
            Message second = next();
            assertThat(first.retain()).isTrue();
            assertThat(second.retain()).isTrue();
            assertThat(java.util.List.of(
                            first.topic() + "=" + first.payload().asUtf8(),
                            second.topic() + "=" + second.payload().asUtf8()))
                    .containsExactlyInAnyOrder("home/kitchen/temperature=21.5", "home/hall/temperature=19.0");
            assertThat(first.qos()).isEqualTo(1);

            // [MQTT-3.3.1-12] a live message is delivered with RETAIN=0, even when it was published retained
            publish("home/kitchen/temperature", "22.0", true);
            Message live = next();
            assertThat(live.payload().asUtf8()).isEqualTo("22.0");
            assertThat(live.retain()).isFalse();
            assertThat(inside.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void retainHandlingTwoSendsNoRetainedMessages() throws Exception {
        try (InProcessSubscription subscription =
                broker.subscribe(new Subscription("home/#", 0, false, false, 2), inside::add)) {
            // [MQTT-3.3.1-11] Retain Handling 2: no retained messages on subscribe
            publish("home/hall/temperature", "19.5", false);
            Message live = next();
            assertThat(live.payload().asUtf8()).isEqualTo("19.5");
            assertThat(live.qos()).isZero();
            assertThat(inside.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void retainAsPublishedKeepsTheFlagOfLiveMessages() throws Exception {
        try (InProcessSubscription subscription =
                broker.subscribe(new Subscription("garden/#", 1, false, true, 0), inside::add)) {
            assertThat(next().payload().asUtf8()).isEqualTo("12.0");
            // [MQTT-3.3.1-13] Retain As Published: the RETAIN flag is kept as the publisher set it
            publish("garden/temperature", "13.0", true);
            Message live = next();
            assertThat(live.payload().asUtf8()).isEqualTo("13.0");
            assertThat(live.retain()).isTrue();
        }
    }

    private Message next() throws InterruptedException {
        Message message = inside.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message for the in-process subscription").isNotNull();
        return message;
    }

    private void publish(String topic, String payload, boolean retain) throws Exception {
        BlockingClient.await(publisher
                .connection()
                .publish(topic, 1, retain, Properties.EMPTY, payload.getBytes(StandardCharsets.UTF_8)));
    }
}
