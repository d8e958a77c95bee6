package io.cicada.broker.retain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a retained PUBLISH stores or clears, and what a subscription is offered, expiry included. */
class RetainedMessagesTest {
    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final InMemoryRetainedStore store = new InMemoryRetainedStore();
    private final RetainedMessages retained = new RetainedMessages(store, now::get);

    private Message message(String topic, String payload) {
        return new Message(topic, 1, true, Payload.utf8(payload), Properties.EMPTY, "publisher", now.get());
    }

    private Message expiring(String topic, long expirySeconds) {
        Properties properties =
                Properties.builder().messageExpiryInterval(expirySeconds).build();
        return new Message(topic, 1, true, Payload.utf8("x"), properties, "publisher", now.get());
    }

    private List<Message> matching(String filter) {
        List<Message> messages = new ArrayList<>();
        retained.forEachMatching(filter, messages::add);
        return messages;
    }

    @Test
    void retainStoresTheMessage() {
        // [MQTT-3.3.1-5]
        Message message = message("a/b", "hello");
        retained.retain(message);

        assertThat(matching("a/b")).containsExactly(message);
        assertThat(retained.count()).isEqualTo(1);
    }

    @Test
    void retainReplacesTheMessageOfTheSameTopic() {
        // [MQTT-3.3.1-5] replace any existing retained message for this topic
        retained.retain(message("a/b", "first"));
        Message second = message("a/b", "second");
        retained.retain(second);

        assertThat(matching("a/b")).containsExactly(second);
        assertThat(retained.count()).isEqualTo(1);
    }

    @Test
    void emptyPayloadClearsTheRetainedMessageAndIsNotStored() {
        // [MQTT-3.3.1-6] the retained message is removed; [MQTT-3.3.1-7] the empty one is not stored
        retained.retain(message("a/b", "hello"));
        retained.retain(message("a/b", ""));

        assertThat(matching("a/b")).isEmpty();
        assertThat(matching("#")).isEmpty();
        assertThat(retained.count()).isZero();
        assertThat(store.get("a/b")).isNull();
    }

    @Test
    void emptyPayloadWithNothingRetainedStoresNothing() {
        // [MQTT-3.3.1-7]
        retained.retain(message("a/b", ""));

        assertThat(retained.count()).isZero();
    }

    @Test
    void wildcardFiltersGetEveryMatchingMessage() {
        List<String> topics =
                List.of("home/kitchen/temp", "home/hall/temp", "home/kitchen/light", "home", "office/temp");
        for (String topic : topics) {
            retained.retain(message(topic, topic));
        }

        assertThat(matching("home/+/temp"))
                .extracting(Message::topic)
                .containsExactlyInAnyOrder("home/kitchen/temp", "home/hall/temp");
        assertThat(matching("home/#"))
                .extracting(Message::topic)
                .containsExactlyInAnyOrder("home/kitchen/temp", "home/hall/temp", "home/kitchen/light", "home");
        assertThat(matching("+/temp")).extracting(Message::topic).containsExactly("office/temp");
        assertThat(matching("#")).hasSize(5);
    }

    @Test
    void dollarTopicsOnlyMatchFiltersThatNameThem() {
        // [MQTT-4.7.2-1]
        retained.retain(message("$SYS/broker/version", "1"));
        retained.retain(message("plain", "2"));

        assertThat(matching("#")).extracting(Message::topic).containsExactly("plain");
        assertThat(matching("+/broker/version")).isEmpty();
        assertThat(matching("$SYS/#")).extracting(Message::topic).containsExactly("$SYS/broker/version");
    }

    @Test
    void messageIsOfferedUntilItsExpiryIntervalHasPassed() {
        // [MQTT-3.3.2-5] a message whose Message Expiry Interval has passed is not delivered
        Message message = expiring("a", 10);
        retained.retain(message);

        now.addAndGet(10_000);
        assertThat(matching("a")).containsExactly(message);

        now.addAndGet(1);
        assertThat(matching("a")).isEmpty();
        assertThat(matching("+")).isEmpty();
    }

    @Test
    void expiredMessagesAreDroppedFromTheStore() {
        retained.retain(expiring("a/1", 5));
        Message lasting = expiring("a/2", 60);
        Message forever = message("a/3", "no expiry");
        retained.retain(lasting);
        retained.retain(forever);

        now.addAndGet(30_000);

        assertThat(matching("a/#")).containsExactlyInAnyOrder(lasting, forever);
        assertThat(retained.count()).isEqualTo(2);
        assertThat(store.get("a/1")).isNull();
    }

    @Test
    void messagesWithoutExpiryNeverExpire() {
        Message message = message("a", "kept");
        retained.retain(message);

        now.addAndGet(365L * 24 * 3600 * 1000);

        assertThat(matching("a")).containsExactly(message);
    }

    @Test
    void dropOfAnExpiredMessageNeverDropsAReplacementStoredDuringTheMatch() {
        Message old = expiring("a", 1);
        retained.retain(old);
        now.addAndGet(5_000);
        Message fresh = message("a", "fresh");
        RetainedStore racing = new RetainedStore() {
            @Override
            public void put(Message message) {
                store.put(message);
            }

            @Override
            public void remove(String topic) {
                store.remove(topic);
            }

            @Override
            public boolean remove(String topic, Message expected) {
                return store.remove(topic, expected);
            }

            @Override
            public Message get(String topic) {
                return store.get(topic);
            }

            @Override
            public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
                store.forEachMatching(topicFilter, visitor);
                store.put(fresh);
            }

            @Override
            public int size() {
                return store.size();
            }
        };

        List<Message> seen = new ArrayList<>();
        new RetainedMessages(racing, now::get).forEachMatching("a", seen::add);

        assertThat(seen).isEmpty();
        assertThat(store.get("a")).isSameAs(fresh);
    }
}
