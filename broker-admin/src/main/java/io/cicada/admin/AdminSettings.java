package io.cicada.admin;

import java.util.Objects;

/**
 * Where the admin HTTP API listens and who may use it. Immutable.
 *
 * @param enabled whether the admin listener runs at all
 * @param host the address to bind; {@code 127.0.0.1} keeps the API on this machine
 * @param port 0..65535; 0 binds a free port
 * @param token a bearer token that authorizes requests ({@code Authorization: Bearer ...}), or null
 * @param username with {@code password}, HTTP basic credentials that authorize requests, or null
 * @param password the basic password, or null
 * @param authenticateLocal whether requests from the loopback address need credentials too (false: only remote ones)
 */
public record AdminSettings(
        boolean enabled,
        String host,
        int port,
        String token,
        String username,
        String password,
        boolean authenticateLocal) {

    /** The default admin port. */
    public static final int DEFAULT_PORT = 8081;

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin port must be 0..65535, got " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("admin basic auth needs both a user name and a password");
        }
    }

    /** Off; when enabled, on 127.0.0.1:8081 with no credentials (so only local requests are served). */
    public static AdminSettings defaults() {
        return new AdminSettings(false, "127.0.0.1", DEFAULT_PORT, null, null, null, false);
    }

    public AdminSettings withEnabled(boolean value) {
        return new AdminSettings(value, host, port, token, username, password, authenticateLocal);
    }

    public AdminSettings withAddress(String newHost, int newPort) {
        return new AdminSettings(enabled, newHost, newPort, token, username, password, authenticateLocal);
    }

    public AdminSettings withToken(String value) {
        return new AdminSettings(enabled, host, port, value, username, password, authenticateLocal);
    }

    public AdminSettings withBasicAuth(String user, String pass) {
        return new AdminSettings(enabled, host, port, token, user, pass, authenticateLocal);
    }

    public AdminSettings withAuthenticateLocal(boolean value) {
        return new AdminSettings(enabled, host, port, token, username, password, value);
    }
}
