package io.cicada.broker.auth.acl;

/**
 * One {@code topic} or {@code pattern} line of an ACL file. Immutable.
 *
 * @param access what the line grants, or {@link Access#DENY}
 * @param filter the topic filter as written, with {@code %u} / {@code %c} still in it for patterns
 * @param pattern true for a {@code pattern} line, whose {@code %u} and {@code %c} are replaced per client
 */
record AclRule(Access access, String filter, boolean pattern) {

    /**
     * The filter's levels for one client, or null when this pattern cannot apply safely to it: a user name or client
     * id containing {@code +}, {@code #} or {@code /} would widen or reshape the filter, so it is never substituted.
     * A pattern with {@code %u} does not apply to a client without a user name.
     */
    String[] levelsFor(String clientId, String username) {
        if (!pattern) {
            return TopicFilters.levels(filter);
        }
        String result = filter;
        if (result.contains("%u")) {
            if (username == null || !isSafe(username)) {
                return null;
            }
            result = result.replace("%u", username);
        }
        if (result.contains("%c")) {
            if (clientId == null || !isSafe(clientId)) {
                return null;
            }
            result = result.replace("%c", clientId);
        }
        return TopicFilters.levels(result);
    }

    /** Whether this is a pattern that would have needed a name the client does not have or that is unsafe. */
    boolean unresolvableFor(String clientId, String username) {
        return pattern && levelsFor(clientId, username) == null;
    }

    static boolean isSafe(String name) {
        return !name.isEmpty() && name.indexOf('+') < 0 && name.indexOf('#') < 0 && name.indexOf('/') < 0;
    }
}
