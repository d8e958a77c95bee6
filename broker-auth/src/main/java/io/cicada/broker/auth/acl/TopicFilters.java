package io.cicada.broker.auth.acl;

/**
 * Compares ACL topic filters with topic names and with subscription filters, level by level. Stateless.
 *
 * <p>A note on the three questions: a PUBLISH to {@code a/b} is allowed by a rule {@code a/+} because the rule
 * <em>matches</em> the topic; a SUBSCRIBE to {@code a/b/#} is allowed by a read rule {@code a/#} because the rule
 * <em>covers</em> every topic the subscription can match; and a deny rule {@code a/secret} refuses the SUBSCRIBE to
 * {@code a/+} because they <em>overlap</em> (some topic matches both), since the broker does not re-check every
 * delivery.
 */
public final class TopicFilters {

    private TopicFilters() {}

    /** Whether {@code filter} matches the topic name {@code topic}; [MQTT-4.7.2-1] {@code $} topics need a literal. */
    public static boolean matches(String[] filter, String[] topic) {
        if (topic.length > 0 && topic[0].startsWith("$") && filter.length > 0 && isWildcard(filter[0])) {
            return false;
        }
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("#")) {
                return true;
            }
            if (i >= topic.length) {
                return false;
            }
            if (!filter[i].equals("+") && !filter[i].equals(topic[i])) {
                return false;
            }
        }
        return filter.length == topic.length;
    }

    /** Whether every topic that {@code subscription} matches is also matched by {@code rule}. */
    public static boolean covers(String[] rule, String[] subscription) {
        if (subscription.length > 0 && subscription[0].startsWith("$") && rule.length > 0 && isWildcard(rule[0])) {
            return false;
        }
        for (int i = 0; i < rule.length; i++) {
            if (rule[i].equals("#")) {
                return true;
            }
            if (i >= subscription.length) {
                return false;
            }
            String s = subscription[i];
            if (s.equals("#")) {
                return false; // the subscription reaches deeper than a rule without '#'
            }
            if (rule[i].equals("+")) {
                continue;
            }
            if (s.equals("+") || !rule[i].equals(s)) {
                return false;
            }
        }
        return rule.length == subscription.length;
    }

    /** Whether some topic name is matched by both filters. */
    static boolean overlap(String[] a, String[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i].equals("#") || b[i].equals("#")) {
                return true;
            }
            if (!a[i].equals("+") && !b[i].equals("+") && !a[i].equals(b[i])) {
                return false;
            }
        }
        if (a.length == b.length) {
            return true;
        }
        // "a/#" also matches "a" itself: the longer one may end with '#' just past the shorter one.
        String[] longer = a.length > b.length ? a : b;
        return longer.length == n + 1 && longer[n].equals("#");
    }

    public static String[] levels(String topic) {
        return topic.split("/", -1);
    }

    private static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }
}
