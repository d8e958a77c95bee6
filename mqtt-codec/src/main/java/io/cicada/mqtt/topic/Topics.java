package io.cicada.mqtt.topic;

import io.cicada.mqtt.codec.MqttStrings;

/**
 * The syntax of topic names and topic filters (§4.7), without matching them. Stateless; any thread.
 *
 * <p>A note on the syntax. Levels are separated by {@code /}; empty levels are allowed ({@code a//b}, {@code /a}).
 * A topic name, used in PUBLISH, has no wildcards [MQTT-3.3.2-2]. A topic filter, used in SUBSCRIBE, may use
 * {@code +} as a whole level ({@code a/+/c}, not {@code a+/c}) [MQTT-4.7.1-2] and {@code #} only as the whole last
 * level ({@code a/#}, not {@code a/#/b} or {@code a#}) [MQTT-4.7.1-1]. Both are at least one character long
 * [MQTT-4.7.3-1], contain no U+0000 [MQTT-4.7.3-2] and fit in 65,535 UTF-8 bytes [MQTT-4.7.3-3]. A shared
 * subscription is {@code $share/{group}/{filter}}: the group is non-empty and has no {@code / + #}, the filter is a
 * non-empty valid filter (§4.8.2).
 */
public final class Topics {
    /** The prefix of a shared subscription's topic filter. */
    public static final String SHARE_PREFIX = "$share/";

    private Topics() {}

    /** True for a topic name a PUBLISH may carry: non-empty, no wildcards, no U+0000, at most 65,535 UTF-8 bytes. */
    public static boolean isValidTopicName(String topic) {
        return topic != null && !topic.isEmpty() && !hasWildcard(topic) && fitsInString(topic);
    }

    /** True for a topic filter a SUBSCRIBE or UNSUBSCRIBE may carry, shared or not. */
    public static boolean isValidTopicFilter(String filter) {
        if (filter == null || filter.isEmpty() || !fitsInString(filter)) {
            return false;
        }
        if (!isSharedFilter(filter)) {
            return hasValidLevels(filter);
        }
        int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
        if (groupEnd < 0) {
            return false; // no filter after the group
        }
        String group = filter.substring(SHARE_PREFIX.length(), groupEnd);
        String inner = filter.substring(groupEnd + 1);
        return !group.isEmpty() && !hasWildcard(group) && !inner.isEmpty() && hasValidLevels(inner);
    }

    /** True when {@code filter} names a shared subscription ({@code $share/...}), valid or not. */
    public static boolean isSharedFilter(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /** True when {@code topic} contains {@code +} or {@code #}. */
    public static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    private static boolean hasValidLevels(String filter) {
        int length = filter.length();
        int levelStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || filter.charAt(i) == '/') {
                int levelLength = i - levelStart;
                for (int k = levelStart; k < i; k++) {
                    char c = filter.charAt(k);
                    if (c == '+' && levelLength != 1) {
                        return false; // [MQTT-4.7.1-2] + occupies a whole level
                    }
                    if (c == '#' && (levelLength != 1 || i != length)) {
                        return false; // [MQTT-4.7.1-1] # is the whole last level
                    }
                }
                levelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean fitsInString(String s) {
        // [MQTT-4.7.3-2] no U+0000; [MQTT-4.7.3-3] at most 65,535 bytes; well-formed [MQTT-1.5.4-1]
        return MqttStrings.isEncodable(s);
    }
}
