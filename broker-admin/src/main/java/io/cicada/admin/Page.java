package io.cicada.admin;

import java.util.List;
import java.util.Map;

/**
 * One page of a list the API returns: {@code {"items": [...], "total": N, "offset": O, "limit": L}}. Requests choose
 * the page with {@code offset} (default 0) and {@code limit} (default 100, at most 1000). Immutable.
 */
record Page<T>(List<T> items, int total, int offset, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** The page of {@code all} that the query parameters ask for. */
    static <T> Page<T> of(List<T> all, Map<String, List<String>> query) {
        int offset = intParameter(query, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), offset, limit);
    }

    static int intParameter(Map<String, List<String>> query, String name, int fallback, int min, int max) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String text = values.get(0);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("'" + name + "' must be an integer " + min + ".." + max + ", got '" + text + "'");
    }
}
