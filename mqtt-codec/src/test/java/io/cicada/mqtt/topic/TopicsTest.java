package io.cicada.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/", "//", "/a", "a/", "$SYS/broker", "ü/€/𝄞", " "})
    void acceptsTopicNames(String topic) {
        assertThat(Topics.isValidTopicName(topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "+", "#", "a/#", "a+", "a#b", "a\0b"})
    void refusesTopicNames(String topic) {
        // [MQTT-4.7.3-1] non-empty, [MQTT-3.3.2-2] no wildcards, [MQTT-4.7.3-2] no U+0000
        assertThat(Topics.isValidTopicName(topic)).isFalse();
    }

    @Test
    void topicNameFitsIn65535Bytes() {
        assertThat(Topics.isValidTopicName("a".repeat(65_535))).isTrue();
        assertThat(Topics.isValidTopicName("a".repeat(65_536))).isFalse();
        assertThat(Topics.isValidTopicName("€".repeat(21_846))).isFalse(); // 65,538 bytes
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "#",
                "+",
                "a/#",
                "a/+/c",
                "+/+",
                "/+",
                "+/",
                "a//#",
                "/#",
                "$SYS/#",
                "$share/g/a",
                "$share/g/#",
                "$share/g/+/x",
                "$share",
                "$shared/a",
                "$share/g//"
            })
    void acceptsTopicFilters(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a/#/b",
                "a#",
                "#/",
                "##",
                "a/b#",
                "a+",
                "+a/b",
                "a/++",
                "a\0",
                "$share/",
                "$share//a",
                "$share/g",
                "$share/g/",
                "$share/g+/a",
                "$share/g#/a",
                "$share/g/a/#/b"
            })
    void refusesTopicFilters(String filter) {
        // [MQTT-4.7.1-1] # is the whole last level; [MQTT-4.7.1-2] + is a whole level; §4.8.2 shared syntax
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @Test
    void recognisesSharedFiltersAndWildcards() {
        assertThat(Topics.isSharedFilter("$share/g/a")).isTrue();
        assertThat(Topics.isSharedFilter("$share")).isFalse();
        assertThat(Topics.isSharedFilter("a/$share/g")).isFalse();
        assertThat(Topics.hasWildcard("a/+")).isTrue();
        assertThat(Topics.hasWildcard("#")).isTrue();
        assertThat(Topics.hasWildcard("a/b")).isFalse();
    }
}
