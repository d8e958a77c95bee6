package io.cicada.broker.connection;

import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.Authorizer.Verdict;
import io.cicada.broker.message.Message;
import io.cicada.broker.observe.ClientEvents;
import io.cicada.broker.routing.DeliveryBatch;
import io.cicada.broker.routing.Router;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.Will;
import io.cicada.mqtt.topic.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Authorization answers that are not in memory (the HTTP back end): a connection's PUBLISH or SUBSCRIBE whose verdict
 * is {@link Verdict#UNKNOWN} is held, reading from the client pauses ({@link Outbound.ReadPause#AUTHORIZATION}), the
 * packets already read queue behind it in arrival order, and when the answer comes they are dispatched in that order
 * on the connection's event loop. Owned by one {@link Connection} and touched only on its event loop (the remote
 * answer hops back onto it).
 *
 * <p>With authorizers that answer from memory ({@link Authorizer#asksRemotely()} false) the gate does nothing: every
 * packet passes, and the flows ask the authorizer synchronously, as {@link Router#publish} always did, without
 * allocating. Otherwise the verdict the gate settled for the packet being dispatched is what
 * {@link PublishFlow} ({@link #route}) and {@link SubscribeFlow} ({@link #maySubscribe}) use, so the authorizer is
 * asked once per packet. {@link #route} also reports each routed PUBLISH to the broker listeners.
 */
final class AuthorizationGate {
    /**
     * Packets held while an answer is pending. Reading is paused, so only what one socket read decoded can arrive
     * meanwhile; beyond this the client is disconnected (Quota exceeded).
     */
    static final int MAX_HELD = 65_536;

    private final Connection connection;
    private final Authorizer authorizer;
    private final Router router;
    private final PublishFlow publishFlow;
    private final ClientEvents events;
    private final boolean remote;
    private final ArrayDeque<MqttPacket> held = new ArrayDeque<>();
    private boolean waiting;

    /** The verdict for the PUBLISH being dispatched and its topic; null when the router is to ask. */
    private Verdict publishVerdict;

    private String publishTopic;
    /** The verdicts for the SUBSCRIBE being dispatched, by filter; null when the authorizer is to be asked. */
    private List<String> filters;

    private boolean[] filterAllowed;

    AuthorizationGate(Connection connection, ConnectionContext context, PublishFlow publishFlow) {
        this.connection = connection;
        this.authorizer = context.authorizer();
        this.router = context.router();
        this.publishFlow = publishFlow;
        this.events = context.clientEvents();
        this.remote = authorizer.asksRemotely();
    }

    /**
     * Whether {@code packet} is held for now (the caller must not dispatch it): it waits for a remote answer, or
     * packets before it do. False means dispatch it now.
     */
    boolean holds(MqttPacket packet) {
        if (!remote) {
            return false;
        }
        if (waiting) {
            hold(packet);
            return true;
        }
        return !decide(packet);
    }

    /**
     * Routes a PUBLISH that {@link PublishFlow} accepted: with the verdict settled for it here, or through
     * {@link Router#publish}, which asks the authorizer, when none was. Returns the router's reason code.
     */
    int route(Message message, String username, DeliveryBatch batch) {
        int code = routeAuthorized(message, username, batch);
        if (code == ReasonCode.SUCCESS) {
            events.published(
                    message.senderClientId(),
                    username,
                    message.topic(),
                    message.qos(),
                    message.retain(),
                    message.payload().size());
        }
        return code;
    }

    private int routeAuthorized(Message message, String username, DeliveryBatch batch) {
        Verdict verdict = publishVerdict;
        if (verdict == null) {
            return router.publish(message, username, batch);
        }
        boolean same = message.topic().equals(publishTopic);
        publishVerdict = null;
        publishTopic = null;
        if (verdict != Verdict.ALLOW || !same) {
            return ReasonCode.NOT_AUTHORIZED;
        }
        return router.publishAuthorized(message, batch);
    }

    /** Whether the client may subscribe to {@code filter}: the verdict settled here, or the authorizer's answer. */
    boolean maySubscribe(String clientId, String username, String filter) {
        if (filters == null) {
            return authorizer.maySubscribe(clientId, username, filter);
        }
        int index = filters.indexOf(filter);
        return index >= 0 && filterAllowed[index];
    }

    /**
     * Asks whether the will of a CONNECT may be published to its topic, then runs {@code then} with the answer: at
     * once from memory, or on the event loop when a remote answer comes.
     */
    void authorizeWill(String clientId, String username, Will will, Consumer<Boolean> then) {
        if (!remote) {
            then.accept(authorizer.mayPublish(clientId, username, will.topic()));
            return;
        }
        Verdict verdict = authorizer.publishVerdict(clientId, username, will.topic(), will.qos(), will.retain());
        if (verdict != Verdict.UNKNOWN) {
            then.accept(verdict == Verdict.ALLOW);
            return;
        }
        ask(() -> authorizer.authorizePublish(clientId, username, will.topic(), will.qos(), will.retain()))
                .whenComplete((allowed, error) -> connection.runOnLoop(() -> then.accept(error == null && allowed)));
    }

    private void hold(MqttPacket packet) {
        if (held.size() >= MAX_HELD) {
            held.clear();
            connection.disconnectWith(
                    ReasonCode.QUOTA_EXCEEDED, "too many packets while waiting for authorization", true);
            return;
        }
        held.addLast(packet);
    }

    /**
     * Settles the verdicts {@code packet} needs from memory and returns true (dispatch it now), or starts the remote
     * question, pauses reading and returns false.
     */
    private boolean decide(MqttPacket packet) {
        publishVerdict = null;
        publishTopic = null;
        filters = null;
        filterAllowed = null;
        if (connection.session() == null) {
            return true; // not connected (yet): dispatch refuses or handles it
        }
        if (packet.type() == PacketType.PUBLISH) {
            return decidePublish((Publish) packet);
        }
        if (packet.type() == PacketType.SUBSCRIBE) {
            return decideSubscribe((Subscribe) packet);
        }
        return true;
    }

    private boolean decidePublish(Publish publish) {
        String topic = publishFlow.topicOf(publish);
        if (topic == null || topic.startsWith("$")) {
            return true; // refused by the flow (unknown alias) or by the router ($-topics) whatever the authorizer says
        }
        String clientId = connection.clientId();
        String username = connection.username();
        Verdict verdict = authorizer.publishVerdict(clientId, username, topic, publish.qos(), publish.retain());
        if (verdict != Verdict.UNKNOWN) {
            publishVerdict = verdict;
            publishTopic = topic;
            return true;
        }
        wait(
                publish,
                ask(() -> authorizer.authorizePublish(clientId, username, topic, publish.qos(), publish.retain()))
                        .thenApply(allowed -> new boolean[] {allowed}),
                topic,
                null);
        return false;
    }

    private boolean decideSubscribe(Subscribe subscribe) {
        List<Subscription> subscriptions = subscribe.subscriptions();
        List<String> names = new ArrayList<>(subscriptions.size());
        boolean[] allowed = new boolean[subscriptions.size()];
        List<Integer> unknown = new ArrayList<>();
        String clientId = connection.clientId();
        String username = connection.username();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            String filter = subscription.topicFilter();
            names.add(filter);
            if (!Topics.isValidTopicFilter(filter)) {
                continue; // refused by the flow before authorization
            }
            Verdict verdict = authorizer.subscribeVerdict(clientId, username, filter, subscription.qos());
            if (verdict == Verdict.UNKNOWN) {
                unknown.add(i);
            }
            allowed[i] = verdict == Verdict.ALLOW;
        }
        if (unknown.isEmpty()) {
            filters = names;
            filterAllowed = allowed;
            return true;
        }
        CompletionStage<boolean[]> answers = CompletableFuture.completedFuture(allowed);
        for (int index : unknown) {
            Subscription subscription = subscriptions.get(index);
            CompletionStage<Boolean> answer = ask(() ->
                    authorizer.authorizeSubscribe(clientId, username, subscription.topicFilter(), subscription.qos()));
            answers = answers.thenCombine(answer, (all, one) -> {
                all[index] = one;
                return all;
            });
        }
        wait(subscribe, answers, null, names);
        return false;
    }

    /** Pauses reading until {@code answers} come, then dispatches {@code packet} with them and what queued after it. */
    private void wait(MqttPacket packet, CompletionStage<boolean[]> answers, String topic, List<String> names) {
        waiting = true;
        if (held.peekFirst() != packet) {
            held.addFirst(packet);
        }
        connection.outbound().pauseReading(Outbound.ReadPause.AUTHORIZATION);
        answers.whenComplete((allowed, error) -> connection.runOnLoop(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                Connection.LOG.warn("authorization of client '{}' failed, refused: {}", connection.clientId(), cause);
            }
            answered(packet, error == null ? allowed : null, topic, names);
        }));
    }

    /** On the event loop: the remote answer came (null when it failed: everything refused). */
    private void answered(MqttPacket packet, boolean[] allowed, String topic, List<String> names) {
        if (connection.isClosed()) {
            held.clear();
            return;
        }
        MqttPacket head = held.pollFirst();
        if (head != packet) {
            throw new IllegalStateException("authorization answer for a packet that is not first in line");
        }
        if (names == null) {
            publishVerdict = Verdict.of(allowed != null && allowed[0]);
            publishTopic = topic;
        } else {
            filters = names;
            filterAllowed = allowed != null ? allowed : new boolean[names.size()];
        }
        connection.dispatch(packet);
        while (!held.isEmpty() && !connection.isClosed()) {
            MqttPacket next = held.peekFirst();
            if (!decide(next)) {
                connection.endOfCycle(); // the held next packet's own answer is on its way
                return;
            }
            held.pollFirst();
            connection.dispatch(next);
        }
        held.clear();
        waiting = false;
        connection.outbound().resumeReading(Outbound.ReadPause.AUTHORIZATION);
        connection.endOfCycle();
    }

    /** Calls a plugin's asynchronous method; one that throws instead of returning a stage fails the stage. */
    private static CompletionStage<Boolean> ask(java.util.function.Supplier<CompletionStage<Boolean>> question) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
