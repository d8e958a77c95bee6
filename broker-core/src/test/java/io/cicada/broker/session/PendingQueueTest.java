package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingQueueTest {

    @Test
    void theOldestQos0IsEvictedFirstAndTheRestKeepTheirOrder() {
        PendingQueue queue = new PendingQueue(3, 0);
        assertThat(queue.offer(delivery("a", 1))).isTrue();
        assertThat(queue.offer(delivery("b", 0))).isTrue();
        assertThat(queue.offer(delivery("c", 0))).isTrue();
        assertThat(queue.offer(delivery("d", 1))).isFalse(); // full

        assertThat(queue.evictOldestQos0().message().payload().asUtf8()).isEqualTo("b");
        assertThat(queue.offer(delivery("d", 1))).isTrue();
        assertThat(queue.bytes()).isEqualTo(3);
        assertThat(List.of(name(queue.poll()), name(queue.poll()), name(queue.poll())))
                .containsExactly("a", "c", "d");
        assertThat(queue.evictOldestQos0()).isNull();
    }

    private static String name(Delivery delivery) {
        return delivery.message().payload().asUtf8();
    }

    private static Delivery delivery(String payload, int qos) {
        Message message = new Message("t", qos, false, Payload.utf8(payload), Properties.EMPTY, "pub", 0);
        return new Delivery(message, qos, false, List.of());
    }
}
