package io.cicada.broker.auth.acl;

import io.cicada.mqtt.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of a Mosquitto ACL file and the decisions they make. Immutable and thread-safe; a reload builds a new
 * instance.
 *
 * <p>A note on the syntax and its meaning, as in Mosquitto 2.0:
 *
 * <pre>
 * # topic lines before any user line apply to anonymous clients
 * topic read public/#
 *
 * user alice
 * topic readwrite alice/#        # access is read, write, readwrite (the default) or deny
 * topic deny alice/secret
 *
 * pattern readwrite devices/%c/# # patterns apply to every client; %c is the client id, %u the user name
 * pattern read users/%u/inbox
 * </pre>
 *
 * A client gets the rules of its own section (or the anonymous one) and every pattern. A deny rule that applies wins
 * over any grant; nothing is allowed without a grant. A {@code %u} / {@code %c} pattern is never substituted with a
 * name containing {@code +}, {@code #} or {@code /}: such a grant does not apply, and such a deny refuses everything.
 */
public final class AclFile {

    private final List<AclRule> anonymous;
    private final Map<String, List<AclRule>> users;
    private final List<AclRule> patterns;

    private AclFile(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {
        this.anonymous = List.copyOf(anonymous);
        this.users = Map.copyOf(users);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws AclFileException with file and line of the first bad line, or the read error
     */
    public static AclFile load(Path path) {
        try {
            return parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AclFileException("cannot read ACL file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses the lines of a file named {@code source} (used in error messages). */
    public static AclFile parse(String source, List<String> lines) {
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new HashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> current = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] words = line.split("\\s+", 2);
            String keyword = words[0];
            String rest = words.length > 1 ? words[1] : "";
            switch (keyword) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new AclFileException(where + ": 'user' needs a user name");
                    }
                    current = users.computeIfAbsent(rest, u -> new ArrayList<>());
                }
                case "topic" -> current.add(rule(where, rest, false));
                case "pattern" -> patterns.add(rule(where, rest, true));
                default ->
                    throw new AclFileException(
                            where + ": unknown keyword '" + keyword + "' (expected user, topic or pattern)");
            }
        }
        return new AclFile(anonymous, users, patterns);
    }

    private static AclRule rule(String where, String rest, boolean pattern) {
        String[] words = rest.split("\\s+", 2);
        Access access = Access.READWRITE;
        String filter = rest;
        if (words.length == 2) {
            try {
                access = Access.valueOf(words[0].toUpperCase(Locale.ROOT));
                filter = words[1];
            } catch (IllegalArgumentException e) {
                throw new AclFileException(
                        where + ": unknown access '" + words[0] + "' (expected read, write, readwrite or deny)");
            }
        }
        if (filter.isEmpty()) {
            throw new AclFileException(where + ": a topic filter is needed");
        }
        String checked = filter.replace("%u", "u").replace("%c", "c");
        if (!Topics.isValidTopicFilter(checked)) {
            throw new AclFileException(where + ": '" + filter + "' is not a valid topic filter");
        }
        return new AclRule(access, filter, pattern);
    }

    /** Whether the client may publish to the topic name {@code topic}. */
    public boolean mayPublish(String clientId, String username, String topic) {
        String[] levels = TopicFilters.levels(topic);
        boolean granted = false;
        for (AclRule rule : applicable(username)) {
            String[] filter = rule.levelsFor(clientId, username);
            if (filter == null) {
                if (rule.access() == Access.DENY && hasUnsafeName(rule, clientId, username)) {
                    return false;
                }
                continue;
            }
            if (TopicFilters.matches(filter, levels)) {
                if (rule.access() == Access.DENY) {
                    return false;
                }
                granted |= rule.access().allowsWrite();
            }
        }
        return granted;
    }

    /** Whether the client may subscribe to {@code topicFilter} (for a shared subscription, its filter part). */
    public boolean maySubscribe(String clientId, String username, String topicFilter) {
        String[] levels = TopicFilters.levels(withoutSharePrefix(topicFilter));
        boolean granted = false;
        for (AclRule rule : applicable(username)) {
            String[] filter = rule.levelsFor(clientId, username);
            if (filter == null) {
                if (rule.access() == Access.DENY && hasUnsafeName(rule, clientId, username)) {
                    return false;
                }
                continue;
            }
            if (rule.access() == Access.DENY) {
                if (TopicFilters.overlap(filter, levels)) {
                    return false;
                }
            } else if (rule.access().allowsRead() && TopicFilters.covers(filter, levels)) {
                granted = true;
            }
        }
        return granted;
    }

    /** Number of rules in all sections, for the log line after loading. */
    public int ruleCount() {
        return anonymous.size()
                + patterns.size()
                + users.values().stream().mapToInt(List::size).sum();
    }

    private Iterable<AclRule> applicable(String username) {
        List<AclRule> own = username == null ? anonymous : users.getOrDefault(username, List.of());
        if (patterns.isEmpty()) {
            return own;
        }
        List<AclRule> all = new ArrayList<>(own.size() + patterns.size());
        all.addAll(own);
        all.addAll(patterns);
        return all;
    }

    private static boolean hasUnsafeName(AclRule rule, String clientId, String username) {
        return (rule.filter().contains("%u") && username != null && !AclRule.isSafe(username))
                || (rule.filter().contains("%c") && clientId != null && !AclRule.isSafe(clientId));
    }

    private static String withoutSharePrefix(String filter) {
        if (Topics.isSharedFilter(filter)) {
            int slash = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }
}
