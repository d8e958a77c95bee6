package io.cicada.broker.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicBoundsTest {

    @Test
    void levelsAreTheSlashSeparatedParts() {
        assertThat(TopicBounds.levels("a")).isEqualTo(1);
        assertThat(TopicBounds.levels("a/b/c")).isEqualTo(3);
        assertThat(TopicBounds.levels("/a")).isEqualTo(2);
        assertThat(TopicBounds.levels("a//b/")).isEqualTo(4);
        assertThat(TopicBounds.levels("a/+/#")).isEqualTo(3);
    }

    @Test
    void sharedFiltersCountTheLevelsOfTheirFilter() {
        assertThat(TopicBounds.levels("$share/group/a/b")).isEqualTo(2);
        assertThat(TopicBounds.levels("$share/group/#")).isEqualTo(1);
    }

    @Test
    void overTheLevelsOrTheLengthNamesTheLimit() {
        assertThat(TopicBounds.exceeded("a/b/c", 3, 0)).isNull();
        assertThat(TopicBounds.exceeded("a/b/c/d", 3, 0)).isEqualTo(Limit.TOPIC_LEVELS);
        assertThat(TopicBounds.exceeded("abcde", 0, 5)).isNull();
        assertThat(TopicBounds.exceeded("abcdef", 0, 5)).isEqualTo(Limit.TOPIC_LENGTH);
        assertThat(TopicBounds.exceeded("a/b/c/d/e/f/g/h", 0, 0)).isNull();
    }

    @Test
    void lengthIsMeasuredInUtf8Bytes() {
        assertThat(TopicBounds.utf8LongerThan("ééé", 6)).isFalse(); // 2 bytes each
        assertThat(TopicBounds.utf8LongerThan("éééé", 7)).isTrue();
        assertThat(TopicBounds.utf8LongerThan("€€", 6)).isFalse(); // 3 bytes each
        assertThat(TopicBounds.utf8LongerThan("€€a", 6)).isTrue();
        assertThat(TopicBounds.utf8LongerThan("\uD83D\uDE00", 4)).isFalse(); // one emoji: 4 bytes, 2 chars
        assertThat(TopicBounds.utf8LongerThan("\uD83D\uDE00a", 4)).isTrue();
    }
}
