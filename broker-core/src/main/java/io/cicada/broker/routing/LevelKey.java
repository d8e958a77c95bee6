package io.cicada.broker.routing;

/**
 * A reusable lookup key for one level of a topic name, given as a range of the topic string, so that {@link TopicTree}
 * can look a level up in a node's {@code Map<String, TopicNode>} without allocating a substring per level. Its
 * {@link #hashCode()} equals {@code String.hashCode()} of the level and {@link #equals(Object)} compares against a
 * {@code String} by content; this is legal as a {@code Map.get} argument because the map contract tests
 * {@code argument.equals(storedKey)}. Never stored in a map. Confined to the thread running one {@code match} call.
 */
final class LevelKey {
    private String topic = "";
    private int start;
    private int end;
    private int hash;

    /** Points this key at {@code topic.substring(start, end)} without copying; returns this. */
    LevelKey set(String topic, int start, int end) {
        this.topic = topic;
        this.start = start;
        this.end = end;
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + topic.charAt(i);
        }
        this.hash = h;
        return this;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof String level)) {
            return false;
        }
        int length = end - start;
        return level.length() == length && topic.regionMatches(start, level, 0, length);
    }

    @Override
    public String toString() {
        return topic.substring(start, end);
    }
}
