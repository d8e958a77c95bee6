package io.cicada.cli.sub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterMatchTest {
    @Test
    void plusMatchesExactlyOneLevel() {
        assertThat(FilterMatch.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(FilterMatch.matches("a/+/c", "a/b/x/c")).isFalse();
        assertThat(FilterMatch.matches("a/+", "a/")).isTrue();
    }

    @Test
    void hashMatchesTheParentAndEveryLevelBelow() {
        assertThat(FilterMatch.matches("a/#", "a")).isTrue();
        assertThat(FilterMatch.matches("a/#", "a/b/c")).isTrue();
        assertThat(FilterMatch.matches("a/#", "b")).isFalse();
    }

    @Test
    void wildcardsAtTheStartDoNotMatchDollarTopics() {
        assertThat(FilterMatch.matches("#", "$SYS/broker")).isFalse();
        assertThat(FilterMatch.matches("+/broker", "$SYS/broker")).isFalse();
        assertThat(FilterMatch.matches("$SYS/#", "$SYS/broker")).isTrue();
    }

    @Test
    void exactFiltersMatchOnlyTheSameTopic() {
        assertThat(FilterMatch.matches("a/b", "a/b")).isTrue();
        assertThat(FilterMatch.matches("a/b", "a/b/c")).isFalse();
    }
}
