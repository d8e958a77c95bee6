package io.cicada.broker.auth.jwt;

import io.cicada.broker.auth.acl.TopicFilters;
import java.time.Instant;
import java.util.List;

/**
 * What one verified token allows: the topic filters of its {@code mqtt_pub} and {@code mqtt_sub} claims, with
 * {@code %u} (the token's {@code sub}) and {@code %c} (the client id) substituted. Immutable.
 *
 * <p>As in ACL patterns, a subject or client id containing {@code +}, {@code #} or {@code /} is never substituted (it
 * would widen or reshape the filter): a filter that needs it grants nothing.
 *
 * @param subject the token's {@code sub}, or null
 * @param expiry the token's {@code exp}
 */
record TokenGrants(String subject, String clientId, List<String> publish, List<String> subscribe, Instant expiry) {

    static final String PUBLISH_CLAIM = "mqtt_pub";
    static final String SUBSCRIBE_CLAIM = "mqtt_sub";

    TokenGrants {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }

    boolean mayPublish(String topic) {
        String[] levels = TopicFilters.levels(topic);
        for (String filter : publish) {
            String[] granted = levelsFor(filter);
            if (granted != null && TopicFilters.matches(granted, levels)) {
                return true;
            }
        }
        return false;
    }

    boolean maySubscribe(String topicFilter) {
        String[] levels = TopicFilters.levels(topicFilter);
        for (String filter : subscribe) {
            String[] granted = levelsFor(filter);
            if (granted != null && TopicFilters.covers(granted, levels)) {
                return true;
            }
        }
        return false;
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiry);
    }

    private String[] levelsFor(String filter) {
        String result = filter;
        if (result.contains("%u")) {
            if (!isSafe(subject)) {
                return null;
            }
            result = result.replace("%u", subject);
        }
        if (result.contains("%c")) {
            if (!isSafe(clientId)) {
                return null;
            }
            result = result.replace("%c", clientId);
        }
        return TopicFilters.levels(result);
    }

    private static boolean isSafe(String name) {
        return name != null
                && !name.isEmpty()
                && name.indexOf('+') < 0
                && name.indexOf('#') < 0
                && name.indexOf('/') < 0;
    }
}
