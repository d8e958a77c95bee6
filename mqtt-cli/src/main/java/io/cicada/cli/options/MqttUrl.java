package io.cicada.cli.options;

/**
 * The {@code -L} URL of {@code mosquitto_pub} and {@code mosquitto_sub}:
 * {@code mqtt(s)://[username[:password]@]host[:port]/topic}. The topic is everything after the first {@code /} of
 * the path, as written (so {@code mqtt://host/a/+/#} is the filter {@code a/+/#}); an IPv6 host goes in brackets.
 * Immutable.
 *
 * @param tls true for {@code mqtts://}
 * @param port the port, or null for the scheme's default (1883, 8883 with TLS)
 * @param username the user name, or null
 * @param password the password, or null
 */
record MqttUrl(boolean tls, String host, Integer port, String username, String password, String topic) {

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static MqttUrl parse(String url) {
        boolean tls;
        String rest;
        if (url.startsWith("mqtt://")) {
            tls = false;
            rest = url.substring("mqtt://".length());
        } else if (url.startsWith("mqtts://")) {
            tls = true;
            rest = url.substring("mqtts://".length());
        } else {
            throw new IllegalArgumentException("expected mqtt:// or mqtts://");
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("no topic: expected mqtt(s)://[user[:password]@]host[:port]/topic");
        }
        String authority = rest.substring(0, slash);
        String topic = rest.substring(slash + 1);
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? null : userInfo.substring(colon + 1);
            if (username.isEmpty()) {
                throw new IllegalArgumentException("empty user name");
            }
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in the host");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("expected :port after ]");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        return new MqttUrl(tls, host, portText == null ? null : port(portText), username, password, topic);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("port '" + text + "': expected 1..65535");
    }
}
