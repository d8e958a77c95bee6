package io.cicada.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.Delivery;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InflightWindowTest {
    private static Delivery delivery(int qos) {
        Message message = new Message("t", qos, false, Payload.EMPTY, Properties.EMPTY, null, 0);
        return new Delivery(message, qos, false, List.of());
    }

    @Test
    void windowHasRoomUntilItsCapacity() {
        InflightWindow window = new InflightWindow(2);
        window.add(delivery(1));
        assertThat(window.hasRoom()).isTrue();
        window.add(delivery(1));
        assertThat(window.hasRoom()).isFalse();
    }

    @Test
    void packetIdsAreUniqueAndNeverZero() {
        InflightWindow window = new InflightWindow(1000);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(window.add(delivery(1)));
        }
        assertThat(ids).hasSize(1000).doesNotContain(0);
    }

    @Test
    void packetIdsWrapAroundAndSkipThoseInUse() {
        InflightWindow window = new InflightWindow(65_535);
        int kept = window.add(delivery(1));
        for (int i = 1; i < 65_535; i++) {
            window.remove(window.add(delivery(1)));
        }
        int next = window.add(delivery(1));
        assertThat(next).isNotEqualTo(kept).isBetween(1, 65_535);
    }

    @Test
    void entriesKeepSendOrderForTheResend() {
        InflightWindow window = new InflightWindow(10);
        int a = window.add(delivery(1));
        int b = window.add(delivery(2));
        int c = window.add(delivery(1));
        window.remove(b);
        assertThat(window.entries()).extracting(InflightWindow.Entry::packetId).containsExactly(a, c);
    }

    @Test
    void releaseMarksAQos2EntryAsPastPubRec() {
        InflightWindow window = new InflightWindow(10);
        int id = window.add(delivery(2));
        window.release(window.get(id));
        assertThat(window.get(id).released()).isTrue();
    }

    @Test
    void capacityIsAtLeastOne() {
        InflightWindow window = new InflightWindow(5);
        window.capacity(0);
        assertThat(window.capacity()).isEqualTo(1);
    }
}
