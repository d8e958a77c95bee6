package io.cicada.broker.auth.http;

import java.util.Locale;

/** What a CONNECT, PUBLISH or SUBSCRIBE gets when the HTTP service does not answer (down, slow, bad answer). */
public enum FailurePolicy {
    /** Refused (CONNECT: Server unavailable 0x88; PUBLISH and SUBSCRIBE: Not authorized 0x87). The default. */
    DENY,
    /** Allowed, as if the service had said allow. */
    ALLOW,
    /**
     * The HTTP back end abstains: the other configured back ends (password file or JWT; ACL file, token claims,
     * plugins) decide alone. Refused like {@link #DENY} when there is no other back end.
     */
    NEXT;

    /** {@code deny}, {@code allow} or {@code next}, in any case. */
    public static FailurePolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
