package io.cicada.broker.limit;

import io.cicada.mqtt.topic.Topics;

/**
 * Checks a topic name or filter against {@code max_topic_levels} and {@code max_topic_length}. A topic's levels are its
 * {@code /}-separated parts ({@code a/b/c} has 3, {@code /a} has 2); its length is its UTF-8 size in bytes, the unit
 * MQTT measures strings in. For a shared subscription {@code $share/group/filter} the levels are those of
 * {@code filter} (what is matched) and the length is that of the whole string. Stateless; any thread; no allocation.
 */
public final class TopicBounds {
    private TopicBounds() {}

    /**
     * The limit {@code topic} is over, or null.
     *
     * @param maxLevels most levels, 0 for no limit
     * @param maxLength most UTF-8 bytes, 0 for no limit
     */
    public static Limit exceeded(String topic, int maxLevels, int maxLength) {
        if (maxLength > 0 && utf8LongerThan(topic, maxLength)) {
            return Limit.TOPIC_LENGTH;
        }
        if (maxLevels > 0 && levels(topic) > maxLevels) {
            return Limit.TOPIC_LEVELS;
        }
        return null;
    }

    /** The levels of a topic name or filter; of the filter part for {@code $share/group/filter}. */
    public static int levels(String topic) {
        int start = 0;
        if (Topics.isSharedFilter(topic)) {
            int groupEnd = topic.indexOf('/', Topics.SHARE_PREFIX.length());
            start = groupEnd < 0 ? topic.length() : groupEnd + 1;
        }
        int levels = 1;
        for (int i = start; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }

    /** Whether {@code text} takes more than {@code max} bytes in UTF-8; cheap when the answer is plain from length. */
    static boolean utf8LongerThan(String text, int max) {
        int chars = text.length();
        if (chars > max) {
            return true; // at least one byte per char
        }
        if ((long) chars * 3 <= max) {
            return false; // at most three bytes per char (a surrogate pair is four bytes for two chars)
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > max;
    }
}
