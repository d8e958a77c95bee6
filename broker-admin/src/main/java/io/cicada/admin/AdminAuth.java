package io.cicada.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Decides whether a request may use the admin API: requests from the loopback address pass unless {@link
 * AdminSettings#authenticateLocal()}; any other needs the configured bearer token or basic credentials, and is
 * refused when none are configured. Compares secrets in constant time. Immutable; called on the admin event loop.
 */
final class AdminAuth {

    private final AdminSettings settings;

    AdminAuth(AdminSettings settings) {
        this.settings = settings;
    }

    /** Null when the request may proceed, otherwise why not (for the 401 body). */
    String refusal(HttpRequest request, SocketAddress peer) {
        if (!settings.authenticateLocal() && isLoopback(peer)) {
            return null;
        }
        if (settings.token() == null && settings.username() == null) {
            return "the admin API accepts only local requests (configure admin_token or admin_username)";
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return "credentials required (Authorization: Bearer <token> or Basic)";
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && settings.token() != null) {
            return same(header.substring(7).trim(), settings.token()) ? null : "wrong token";
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6) && settings.username() != null) {
            String expected = settings.username() + ":" + settings.password();
            String given;
            try {
                given = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "malformed basic credentials";
            }
            return same(given, expected) ? null : "wrong user name or password";
        }
        return "unsupported authorization scheme";
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet) {
            InetAddress address = inet.getAddress();
            return address != null && address.isLoopbackAddress();
        }
        return false;
    }
}
