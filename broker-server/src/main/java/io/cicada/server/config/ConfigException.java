package io.cicada.server.config;

/**
 * A configuration error, as the one line an operator reads: where it is ({@code conf/cicada.yaml:12}, or the
 * environment variable or flag) and what was expected, e.g. {@code conf/cicada.yaml:12: unknown key
 * 'max_packet_sise' (expected one of: ...)}. Start-up stops with it; no stack trace is needed.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code origin: message}. */
    static ConfigException at(String origin, String message) {
        return new ConfigException(origin + ": " + message);
    }
}
