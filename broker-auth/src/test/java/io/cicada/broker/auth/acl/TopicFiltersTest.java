package io.cicada.broker.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @Test
    void matchesFollowsMqttWildcards() {
        assertThat(matches("a/+/c", "a/b/c")).isTrue();
        assertThat(matches("a/#", "a")).isTrue();
        assertThat(matches("a/#", "a/b/c")).isTrue();
        assertThat(matches("a/+", "a/b/c")).isFalse();
        assertThat(matches("+/b", "$x/b")).isFalse();
        assertThat(matches("a/b", "a/b/")).isFalse();
    }

    @Test
    void coversOnlyWhenEverySubscribedTopicIsAllowed() {
        assertThat(covers("a/#", "a/+/b")).isTrue();
        assertThat(covers("a/+", "a/+")).isTrue();
        assertThat(covers("a/+", "a/#")).isFalse();
        assertThat(covers("a/b", "a/+")).isFalse();
        assertThat(covers("#", "$SYS/x")).isFalse();
    }

    @Test
    void overlapFindsACommonTopic() {
        assertThat(overlap("a/+", "+/b")).isTrue();
        assertThat(overlap("a/#", "a")).isTrue();
        assertThat(overlap("a/b", "a/c")).isFalse();
        assertThat(overlap("a/b/c", "a/b")).isFalse();
    }

    private static boolean matches(String filter, String topic) {
        return TopicFilters.matches(TopicFilters.levels(filter), TopicFilters.levels(topic));
    }

    private static boolean covers(String rule, String sub) {
        return TopicFilters.covers(TopicFilters.levels(rule), TopicFilters.levels(sub));
    }

    private static boolean overlap(String a, String b) {
        return TopicFilters.overlap(TopicFilters.levels(a), TopicFilters.levels(b));
    }
}
