package io.cicada.broker.retain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Storing, replacing, removing and matching retained messages by topic filter. */
class InMemoryRetainedStoreTest {
    private final InMemoryRetainedStore store = new InMemoryRetainedStore();

    static Message message(String topic, String payload) {
        return new Message(topic, 1, true, Payload.utf8(payload), Properties.EMPTY, "publisher", 0L);
    }

    private List<String> topicsMatching(String filter) {
        List<String> topics = new ArrayList<>();
        store.forEachMatching(filter, m -> topics.add(m.topic()));
        return topics;
    }

    private void putAll(String... topics) {
        for (String topic : topics) {
            store.put(message(topic, topic));
        }
    }

    @Test
    void putStoresOneMessagePerTopicAndReplaces() {
        Message first = message("a/b", "1");
        Message second = message("a/b", "2");
        store.put(first);
        store.put(second);

        assertThat(store.get("a/b")).isSameAs(second);
        assertThat(store.size()).isEqualTo(1);
        assertThat(topicsMatching("a/+")).containsExactly("a/b");
    }

    @Test
    void removeDropsTheMessage() {
        putAll("a/b", "a/c");

        store.remove("a/b");
        store.remove("never/stored");

        assertThat(store.get("a/b")).isNull();
        assertThat(store.size()).isEqualTo(1);
        assertThat(topicsMatching("#")).containsExactly("a/c");
    }

    @Test
    void conditionalRemoveLeavesANewerMessage() {
        Message old = message("a", "old");
        Message newer = message("a", "new");
        store.put(old);
        store.put(newer);

        assertThat(store.remove("a", old)).isFalse();
        assertThat(store.get("a")).isSameAs(newer);
        assertThat(store.remove("a", newer)).isTrue();
        assertThat(store.size()).isZero();
    }

    @Test
    void exactFilterFindsOnlyItsTopic() {
        putAll("a/b", "a/b/c", "a", "A/b");

        assertThat(topicsMatching("a/b")).containsExactly("a/b");
        assertThat(topicsMatching("a/x")).isEmpty();
    }

    @Test
    void plusMatchesOneLevelIncludingEmptyOnes() {
        putAll("sport/tennis", "sport/", "sport", "sport/tennis/player1", "/finance", "finance");

        assertThat(topicsMatching("sport/+")).containsExactlyInAnyOrder("sport/tennis", "sport/");
        assertThat(topicsMatching("+")).containsExactlyInAnyOrder("sport", "finance");
        assertThat(topicsMatching("+/+")).containsExactlyInAnyOrder("sport/tennis", "sport/", "/finance");
        assertThat(topicsMatching("/+")).containsExactly("/finance");
        assertThat(topicsMatching("+/+/+")).containsExactly("sport/tennis/player1");
    }

    @Test
    void hashMatchesTheParentAndEveryChildLevel() {
        putAll("sport", "sport/", "sport/tennis", "sport/tennis/player1/score/wimbledon", "sports", "other");

        // §4.7.1.2: "sport/#" matches "sport" too
        assertThat(topicsMatching("sport/#"))
                .containsExactlyInAnyOrder("sport", "sport/", "sport/tennis", "sport/tennis/player1/score/wimbledon");
        assertThat(topicsMatching("sport/tennis/#"))
                .containsExactlyInAnyOrder("sport/tennis", "sport/tennis/player1/score/wimbledon");
        assertThat(topicsMatching("#")).hasSize(6);
        assertThat(topicsMatching("+/tennis/#"))
                .containsExactlyInAnyOrder("sport/tennis", "sport/tennis/player1/score/wimbledon");
    }

    @Test
    void leadingWildcardsDoNotMatchDollarTopics() {
        putAll("$SYS/broker/uptime", "$SYS", "a/$b", "plain");

        // [MQTT-4.7.2-1]
        assertThat(topicsMatching("#")).containsExactlyInAnyOrder("a/$b", "plain");
        assertThat(topicsMatching("+/broker/uptime")).isEmpty();
        assertThat(topicsMatching("+")).containsExactly("plain");
        assertThat(topicsMatching("$SYS/#")).containsExactlyInAnyOrder("$SYS/broker/uptime", "$SYS");
        assertThat(topicsMatching("$SYS/+/uptime")).containsExactly("$SYS/broker/uptime");
        assertThat(topicsMatching("a/+")).containsExactly("a/$b");
    }

    @Test
    void removingPrunesTheTrieWithoutLosingNeighbours() {
        putAll("a/b/c", "a/b", "a/d");

        store.remove("a/b/c");
        assertThat(topicsMatching("a/#")).containsExactlyInAnyOrder("a/b", "a/d");
        store.remove("a/b");
        assertThat(topicsMatching("a/#")).containsExactly("a/d");
        store.remove("a/d");
        assertThat(topicsMatching("#")).isEmpty();

        store.put(message("a/b/c", "again"));
        assertThat(topicsMatching("a/+/c")).containsExactly("a/b/c");
    }

    @Test
    void deepTopicsDoNotOverflowTheStack() {
        String deep = "x/".repeat(20_000) + "end";
        putAll(deep);

        assertThat(topicsMatching("#")).containsExactly(deep);
        assertThat(topicsMatching("+/".repeat(20_000) + "+")).containsExactly(deep);
        store.remove(deep);
        assertThat(store.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a#", "a/b+", "+a"})
    void malformedFiltersAreRejected(String filter) {
        // [MQTT-4.7.3-1], [MQTT-4.7.1-1], [MQTT-4.7.1-2]
        assertThatThrownBy(() -> store.forEachMatching(filter, m -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentPutsAndRemovesKeepTheLastWriteOfEachTopic() throws Exception {
        int writers = 4;
        int rounds = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        // Each writer owns its own topics, under prefixes shared with the others.
                        String topic = "t/" + (i % 7) + "/w" + writer;
                        store.put(message(topic, Integer.toString(i)));
                        if (i % 3 == 0) {
                            store.remove(topic);
                        }
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    store.forEachMatching("t/+/#", m -> assertThat(m.topic()).startsWith("t/"));
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : futures) {
                future.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // The last round i for topic index k is the largest i < rounds with i % 7 == k; it was removed if i % 3 == 0.
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            for (int k = 0; k < 7; k++) {
                int last = rounds - 1 - Math.floorMod(rounds - 1 - k, 7);
                if (last % 3 != 0) {
                    expected.add("t/" + k + "/w" + w);
                    assertThat(store.get("t/" + k + "/w" + w).payload().asUtf8())
                            .isEqualTo(Integer.toString(last));
                }
            }
        }
        assertThat(topicsMatching("#")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.size()).isEqualTo(expected.size());
    }
}
