package io.cicada.broker.connection;

import java.util.List;

/**
 * A moment's view of one client's session and, when it is online, its connection: what the admin API lists.
 * Immutable; taken on the session's owner executor.
 *
 * @param clientId the client identifier
 * @param connected whether a connection is attached
 * @param address {@code host:port} of the client (the real one behind a proxy), or null when offline
 * @param listener the listener it connected through, or null when offline
 * @param protocolVersion {@code 3.1}, {@code 3.1.1} or {@code 5.0}, or null when offline
 * @param username the authenticated user name, or null
 * @param keepAliveSeconds the granted keep-alive (0 = none), or 0 when offline
 * @param sessionExpirySeconds the session expiry interval ({@code 4294967295} = never)
 * @param subscriptions the session's subscriptions
 * @param queuedMessages messages waiting in the session's queue
 * @param inflightMessages QoS 1 and 2 messages sent and not yet acknowledged
 */
public record ClientInfo(
        String clientId,
        boolean connected,
        String address,
        String listener,
        String protocolVersion,
        String username,
        int keepAliveSeconds,
        long sessionExpirySeconds,
        List<SubscriptionInfo> subscriptions,
        int queuedMessages,
        int inflightMessages) {

    /** One subscription of a session: the filter as subscribed and its maximum QoS. */
    public record SubscriptionInfo(String topicFilter, int qos) {}
}
