package io.cicada.server.config;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One scalar configuration key: its snake_case name, the value it takes, and where the value goes. Immutable.
 *
 * @param name as written in the file, such as {@code max_packet_size}
 * @param type the accepted values
 * @param setter stores a parsed value into the configuration being built
 */
record ConfigKey(String name, ValueType type, BiConsumer<ServerConfig.Builder, Object> setter) {

    /** The environment variable that overrides this key: {@code CICADA_} and the name in upper case. */
    String environmentVariable() {
        return "CICADA_" + name.toUpperCase(Locale.ROOT);
    }

    /**
     * Parses {@code text} (null when the key was given no value) and stores it.
     *
     * @param origin where the value came from, for the error message ({@code cicada.yaml:7})
     * @throws ConfigException {@code origin: 'port' expects an integer 0..65535, got 'abc'}
     */
    void apply(ServerConfig.Builder builder, String text, String origin) {
        builder.origins.put(name, origin);
        setter.accept(builder, parse(name, type, text, origin));
    }

    static Object parse(String name, ValueType type, String text, String origin) {
        Object value = type.parse(text);
        if (value == null) {
            String got = text == null || text.isEmpty() ? "nothing" : "'" + text + "'";
            throw ConfigException.at(origin, "'" + name + "' expects " + type.expectation() + ", got " + got);
        }
        return value;
    }
}
