package io.cicada.cli.bench;

import io.cicada.mqtt.topic.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many copies of each publisher's message the bench subscribers should receive, from the publishers' topics and
 * the subscribers' filters: one per matching ordinary subscription, and one per matching shared subscription
 * ({@code $share/group/filter}), however many members the group has, because the broker gives each message to one
 * member (§4.8.2). Immutable; built on the main thread.
 */
final class DeliveryPlan {
    private final int[] copies;

    private DeliveryPlan(int[] copies) {
        this.copies = copies;
    }

    /** The plan for publishers on {@code topics} (by publisher index) and subscribers on {@code filters}. */
    static DeliveryPlan of(List<String> topics, List<String> filters) {
        int[] copies = new int[topics.size()];
        for (int p = 0; p < topics.size(); p++) {
            String topic = topics.get(p);
            Set<String> groups = new HashSet<>();
            for (String filter : filters) {
                if (Topics.isSharedFilter(filter)) {
                    // $share/{group}/{filter}: the group and its filter together name one shared subscription.
                    int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
                    if (matches(filter.substring(slash + 1), topic)) {
                        groups.add(filter);
                    }
                } else if (matches(filter, topic)) {
                    copies[p]++;
                }
            }
            copies[p] += groups.size();
        }
        return new DeliveryPlan(copies);
    }

    /** The copies each message of publisher {@code index} should reach. */
    int copies(int index) {
        return copies[index];
    }

    /** The deliveries expected when publisher {@code i} had {@code acknowledged[i]} messages acknowledged. */
    long expected(long[] acknowledged) {
        long total = 0;
        for (int i = 0; i < copies.length; i++) {
            total += acknowledged[i] * copies[i];
        }
        return total;
    }

    /** Whether no publisher's message reaches any subscriber: the filters miss every topic. */
    boolean reachesNobody() {
        for (int c : copies) {
            if (c > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code topic} matches {@code filter}: {@code +} matches one level, {@code #} the rest including the
     * parent level, and neither matches a topic starting with {@code $} at the first level [MQTT-4.7.2-1].
     */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
