package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which topic names each filter matches: the rules and examples of MQTT 5.0 §4.7 (3.1.1 §4.7 has the same). */
class TopicTreeWildcardTest {
    private final TopicTree tree = new TopicTree();
    private final Subscriber subscriber = new NamedSubscriber("c1");

    private boolean matches(String filter, String topic) {
        TopicTree single = new TopicTree();
        single.subscribe(new TopicSubscription(subscriber, filter, Subscription.of(filter, 0), 0));
        List<TopicSubscription> seen = new ArrayList<>();
        single.match(topic, seen::add);
        assertThat(seen).hasSizeLessThanOrEqualTo(1);
        return !seen.isEmpty();
    }

    private List<String> matchingFilters(String topic) {
        List<String> filters = new ArrayList<>();
        tree.match(topic, s -> filters.add(s.topicFilter()));
        return filters;
    }

    private void subscribe(Subscriber who, String filter) {
        tree.subscribe(new TopicSubscription(who, filter, Subscription.of(filter, 1), 0));
    }

    @Test
    void exactFilterMatchesOnlyTheSameTopic() {
        assertThat(matches("sport/tennis", "sport/tennis")).isTrue();
        assertThat(matches("sport/tennis", "sport/tennis/player1")).isFalse();
        assertThat(matches("sport/tennis", "sport")).isFalse();
        assertThat(matches("sport/tennis", "sport/tennisx")).isFalse();
    }

    @Test
    void matchingIsCaseSensitive() {
        // §4.7.3: "ACCOUNTS" and "Accounts" are two different topic names
        assertThat(matches("ACCOUNTS", "Accounts")).isFalse();
        assertThat(matches("Accounts", "Accounts")).isTrue();
    }

    @Test
    void spacesAndOtherCharactersAreOrdinary() {
        // §4.7.3: "Accounts payable" is a valid topic name; no normalisation [MQTT-4.7.3-4]
        assertThat(matches("Accounts payable", "Accounts payable")).isTrue();
        assertThat(matches("Accounts payable", "Accounts  payable")).isFalse();
        assertThat(matches("caf\u00e9/+", "caf\u00e9/x")).isTrue();
        assertThat(matches("cafe\u0301/x", "caf\u00e9/x")).isFalse();
    }

    @Test
    void leadingSlashMakesADistinctTopic() {
        // §4.7.3: "/finance" is different from "finance"
        assertThat(matches("/finance", "finance")).isFalse();
        assertThat(matches("finance", "/finance")).isFalse();
        assertThat(matches("/finance", "/finance")).isTrue();
    }

    @Test
    void multiLevelWildcardMatchesTheParentAndEveryChildLevel() {
        // §4.7.1.2 example
        assertThat(matches("sport/tennis/player1/#", "sport/tennis/player1")).isTrue();
        assertThat(matches("sport/tennis/player1/#", "sport/tennis/player1/ranking"))
                .isTrue();
        assertThat(matches("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon"))
                .isTrue();
        assertThat(matches("sport/tennis/player1/#", "sport/tennis/player2")).isFalse();
        assertThat(matches("sport/tennis/player1/#", "sport/tennis")).isFalse();
        // §4.7.1.2: "sport/#" also matches the singular "sport", since # includes the parent level
        assertThat(matches("sport/#", "sport")).isTrue();
        assertThat(matches("sport/#", "sport/")).isTrue();
        assertThat(matches("sport/#", "sports")).isFalse();
    }

    @Test
    void multiLevelWildcardAloneMatchesEveryTopic() {
        assertThat(matches("#", "sport")).isTrue();
        assertThat(matches("#", "sport/tennis/player1")).isTrue();
        assertThat(matches("#", "/")).isTrue();
        assertThat(matches("#", "/finance")).isTrue();
    }

    @Test
    void plusMatchesExactlyOneLevel() {
        // §4.7.1.3 example
        assertThat(matches("sport/tennis/+", "sport/tennis/player1")).isTrue();
        assertThat(matches("sport/tennis/+", "sport/tennis/player2")).isTrue();
        assertThat(matches("sport/tennis/+", "sport/tennis/player1/ranking")).isFalse();
        assertThat(matches("sport/+/player1", "sport/tennis/player1")).isTrue();
        assertThat(matches("+", "finance")).isTrue();
        assertThat(matches("+/tennis/#", "sport/tennis/player1/ranking")).isTrue();
    }

    @Test
    void plusMatchesAnEmptyLevelButNotAMissingOne() {
        // §4.7.1.3: "sport/+" does not match "sport" but does match "sport/"
        assertThat(matches("sport/+", "sport")).isFalse();
        assertThat(matches("sport/+", "sport/")).isTrue();
        // §4.7.1.3: "+/+" and "/+" match "/finance"; "+" does not
        assertThat(matches("+/+", "/finance")).isTrue();
        assertThat(matches("/+", "/finance")).isTrue();
        assertThat(matches("+", "/finance")).isFalse();
    }

    @Test
    void emptyLevelsAreRealLevels() {
        assertThat(matches("a//b", "a//b")).isTrue();
        assertThat(matches("a//b", "a/b")).isFalse();
        assertThat(matches("a/+/b", "a//b")).isTrue();
        assertThat(matches("a/b/", "a/b/")).isTrue();
        assertThat(matches("a/b/", "a/b")).isFalse();
        assertThat(matches("+/+/+", "//")).isTrue();
        assertThat(matches("+/+", "//")).isFalse();
        assertThat(matches("/", "/")).isTrue();
        assertThat(matches("+/#", "/")).isTrue();
    }

    @Test
    void leadingWildcardsDoNotMatchDollarTopics() {
        // [MQTT-4.7.2-1] and the §4.7.2 examples
        assertThat(matches("#", "$SYS/monitor/Clients")).isFalse();
        assertThat(matches("#", "$SYS")).isFalse();
        assertThat(matches("+/monitor/Clients", "$SYS/monitor/Clients")).isFalse();
        assertThat(matches("+/#", "$SYS/monitor/Clients")).isFalse();
        assertThat(matches("+", "$SYS")).isFalse();
        assertThat(matches("$SYS/#", "$SYS/monitor/Clients")).isTrue();
        assertThat(matches("$SYS/monitor/+", "$SYS/monitor/Clients")).isTrue();
        assertThat(matches("$SYS/#", "$SYS")).isTrue();
        assertThat(matches("$SYS/+/Clients", "$SYS/monitor/Clients")).isTrue();
    }

    @Test
    void dollarRuleAppliesOnlyToTheFirstLevel() {
        assertThat(matches("a/+", "a/$b")).isTrue();
        assertThat(matches("a/#", "a/$b/c")).isTrue();
        assertThat(matches("#", "a$")).isTrue();
        assertThat(matches("+/x", "a$/x")).isTrue();
    }

    @Test
    void everyMatchingFilterIsVisitedOnce() {
        Subscriber other = new NamedSubscriber("c2");
        for (String filter : List.of(
                "sport/tennis/player1",
                "sport/+/player1",
                "sport/#",
                "#",
                "+/+/+",
                "sport/+",
                "+/tennis/#",
                "sport/tennis/player1/#",
                "sport/tennis/+/x")) {
            subscribe(subscriber, filter);
        }
        subscribe(other, "sport/#");

        assertThat(matchingFilters("sport/tennis/player1"))
                .containsExactlyInAnyOrder(
                        "sport/tennis/player1",
                        "sport/+/player1",
                        "sport/#",
                        "sport/#",
                        "#",
                        "+/+/+",
                        "+/tennis/#",
                        "sport/tennis/player1/#");
        assertThat(matchingFilters("sport")).containsExactlyInAnyOrder("sport/#", "sport/#", "#");
        assertThat(matchingFilters("$SYS/tennis/player1")).isEmpty();
    }

    @Test
    void matchReportsTheStoredSubscription() {
        Subscription options = new Subscription("a/+", 2, true, true, 1);
        TopicSubscription stored = new TopicSubscription(subscriber, "a/+", options, 42);
        tree.subscribe(stored);

        List<TopicSubscription> seen = new ArrayList<>();
        tree.match("a/b", seen::add);

        assertThat(seen).containsExactly(stored);
        assertThat(seen.get(0).subscriptionIdentifier()).isEqualTo(42);
        assertThat(seen.get(0).subscriber()).isSameAs(subscriber);
    }

    @Test
    void deepTopicsAndFiltersDoNotOverflowTheStack() {
        int levels = 20_000;
        String topic = "a/".repeat(levels - 1) + "a";
        String plusFilter = "+/".repeat(levels - 1) + "+";
        String hashFilter = "a/".repeat(levels / 2) + "#";
        subscribe(subscriber, plusFilter);
        subscribe(subscriber, hashFilter);
        subscribe(subscriber, "#");

        assertThat(matchingFilters(topic)).containsExactlyInAnyOrder(plusFilter, hashFilter, "#");
        assertThat(tree.unsubscribe(subscriber, plusFilter)).isTrue();
        assertThat(tree.unsubscribe(subscriber, hashFilter)).isTrue();
        assertThat(tree.unsubscribe(subscriber, "#")).isTrue();
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void manyPlusBranchesAreAllFollowed() {
        // Every combination of exact and '+' over four levels: 16 filters, all matching a/b/c/d.
        List<String> filters = new ArrayList<>();
        String[] names = {"a", "b", "c", "d"};
        for (int mask = 0; mask < 16; mask++) {
            StringBuilder filter = new StringBuilder();
            for (int level = 0; level < 4; level++) {
                if (level > 0) {
                    filter.append('/');
                }
                filter.append((mask & (1 << level)) != 0 ? "+" : names[level]);
            }
            filters.add(filter.toString());
            subscribe(subscriber, filter.toString());
        }

        assertThat(matchingFilters("a/b/c/d")).containsExactlyInAnyOrderElementsOf(filters);
        assertThat(matchingFilters("a/b/c/e")).hasSize(8);
        assertThat(matchingFilters("a/b/c")).isEmpty();
    }

    @Test
    void plusBranchesBeyondTheRecursionDepthAreAllFollowed() {
        // 40 '+' levels, then a chain of 'a' levels with a '+' branch at each: many branches wait on the walk's stack.
        String prefix = "+/".repeat(40);
        List<String> filters = new ArrayList<>();
        for (int j = 0; j < 50; j++) {
            String filter = prefix + "a/".repeat(j) + "+/#";
            filters.add(filter);
            subscribe(subscriber, filter);
        }
        String topic = "b/".repeat(40) + "a/".repeat(49) + "a";

        assertThat(matchingFilters(topic)).containsExactlyInAnyOrderElementsOf(filters);
        assertThat(matchingFilters("b/".repeat(40) + "a")).containsExactly(prefix + "+/#");
    }
}
