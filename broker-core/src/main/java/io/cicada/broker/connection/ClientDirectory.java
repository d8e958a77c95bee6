package io.cicada.broker.connection;

import io.cicada.broker.routing.TopicSubscription;
import io.cicada.broker.session.Session;
import io.cicada.broker.session.SessionRegistry;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's clients as the admin API sees them: lists sessions (online and offline) with their connection
 * details, kicks a client and deletes a session. Thread-safe: called from the admin server's threads, it reads and
 * changes each session only on the session's owner executor ({@link Session#runOnOwner}) and answers with a future
 * that completes there.
 */
public final class ClientDirectory {

    private final SessionRegistry sessions;

    public ClientDirectory(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** Every session, sorted by client id; each taken on its owner. */
    public CompletableFuture<List<ClientInfo>> list() {
        List<CompletableFuture<Optional<ClientInfo>>> views = new ArrayList<>();
        sessions.forEach(session -> views.add(view(session)));
        return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenApply(done -> views.stream()
                .map(CompletableFuture::join)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(ClientInfo::clientId))
                .toList());
    }

    /** The session of {@code clientId}, if it exists. */
    public CompletableFuture<Optional<ClientInfo>> find(String clientId) {
        Session session = sessions.find(clientId);
        return session == null ? CompletableFuture.completedFuture(Optional.empty()) : view(session);
    }

    /**
     * Disconnects the client (MQTT 5 clients get DISCONNECT 0x98 Administrative action); its session stays as its
     * expiry interval says. Completes with false when the client is not connected.
     */
    public CompletableFuture<Boolean> kick(String clientId) {
        Session session = sessions.find(clientId);
        if (session == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        session.runOnOwner(() -> {
            if (session.link() instanceof Connection connection) {
                connection.disconnectWith(ReasonCode.ADMINISTRATIVE_ACTION, "disconnected by an administrator", true);
                result.complete(true);
            } else {
                result.complete(false);
            }
        });
        return result;
    }

    /**
     * Deletes the session: a connected client is disconnected first (0x98), then the session ends with its
     * subscriptions and queued messages. Completes with false when there was no such session.
     */
    public CompletableFuture<Boolean> delete(String clientId) {
        Session session = sessions.find(clientId);
        if (session == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        session.runOnOwner(() -> {
            if (session.isEnded()) {
                result.complete(false);
                return;
            }
            if (session.link() instanceof Connection connection) {
                connection.disconnectWith(
                        ReasonCode.ADMINISTRATIVE_ACTION, "session deleted by an administrator", true);
            }
            sessions.discard(session);
            result.complete(true);
        });
        return result;
    }

    private static CompletableFuture<Optional<ClientInfo>> view(Session session) {
        CompletableFuture<Optional<ClientInfo>> result = new CompletableFuture<>();
        session.runOnOwner(
                () -> result.complete(session.isEnded() ? Optional.empty() : Optional.of(snapshot(session))));
        return result;
    }

    /** On the owner. */
    private static ClientInfo snapshot(Session session) {
        List<ClientInfo.SubscriptionInfo> subscriptions = session.subscriptions().stream()
                .map(ClientDirectory::subscription)
                .sorted(Comparator.comparing(ClientInfo.SubscriptionInfo::topicFilter))
                .toList();
        Connection connection = session.link() instanceof Connection c ? c : null;
        return new ClientInfo(
                session.clientId(),
                connection != null,
                connection == null ? null : connection.outbound().remoteAddress(),
                connection == null ? null : connection.outbound().listenerName(),
                connection == null ? null : connection.version().toString(),
                connection == null ? null : connection.username(),
                connection == null ? 0 : connection.keepAliveSeconds(),
                session.expiryIntervalSeconds(),
                subscriptions,
                session.queuedMessages(),
                session.inflight().size());
    }

    private static ClientInfo.SubscriptionInfo subscription(TopicSubscription subscription) {
        return new ClientInfo.SubscriptionInfo(
                subscription.topicFilter(), subscription.options().qos());
    }
}
