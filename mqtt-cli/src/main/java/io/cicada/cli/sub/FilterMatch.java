package io.cicada.cli.sub;

/**
 * Whether a topic name matches a topic filter, for {@code sub -T}: {@code +} matches one level, {@code #} the rest,
 * and wildcards at the start do not match topics beginning with {@code $} [MQTT-4.7.2-1]. Stateless.
 */
final class FilterMatch {
    private FilterMatch() {}

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
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
