package io.cicada.broker.observe;

import io.cicada.broker.limit.Limit;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The broker's counters: connected clients, messages and payload bytes in and out, dropped messages. Thread-safe:
 * every event loop adds to the {@link LongAdder}s without contention; readers ($SYS, metrics) get a moment's sum.
 *
 * <p>The detailed counters (by QoS, refusals and drops by reason, authentication failures, publish-to-deliver latency)
 * feed the Prometheus metrics; the latency goes to a listener the metrics module installs.
 */
public final class BrokerStats {
    private final LongAdder connectedClients = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder authenticationFailures = new LongAdder();
    private final LongAdder[] receivedByQos = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder[] sentByQos = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final Map<String, LongAdder> refusedByReason = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> droppedByReason = new ConcurrentHashMap<>();
    private final LongAdder slowConsumers = new LongAdder();
    private volatile LongConsumer deliveryLatencyMillis = millis -> {};
    private final LongAdder[] limitHits = adders(Limit.values().length);

    public void clientConnected() {
        connectedClients.increment();
        connectionsTotal.increment();
    }

    public void clientDisconnected() {
        connectedClients.decrement();
    }

    /** A PUBLISH arrived from a client (payload bytes only). */
    public void messageReceived(int payloadBytes) {
        messagesReceived.increment();
        bytesReceived.add(payloadBytes);
    }

    /** A PUBLISH went out to a client (payload bytes only). */
    public void messageSent(int payloadBytes) {
        messagesSent.increment();
        bytesSent.add(payloadBytes);
    }

    /** A message was not delivered to one subscriber because a bound was hit or it was not queued offline. */
    public void messageDropped() {
        messagesDropped.increment();
    }

    public int connectedClients() {
        return connectedClients.intValue();
    }

    public long messagesReceived() {
        return messagesReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long messagesDropped() {
        return messagesDropped.sum();
    }

    // ---- detailed counters for the metrics ------------------------------------------------------------------------

    /** Drop reason: the message expired before it could be sent [MQTT-3.3.2-5]. */
    public static final String DROP_EXPIRED = "expired";
    /** Drop reason: QoS 0 to an offline session that does not queue QoS 0. */
    public static final String DROP_QOS0_OFFLINE = "qos0_offline";
    /** Drop reason: the session queue is full. */
    public static final String DROP_QUEUE_FULL = "queue_full";
    /** Drop reason: larger than the client's Maximum Packet Size [MQTT-3.1.2-25]. */
    public static final String DROP_TOO_LARGE = "too_large";

    /** Drop reason: QoS 0 to an online subscriber that is behind (its backlog above the slow-consumer bound). */
    public static final String DROP_CONGESTED = "congested";
    /** Drop reason: to a subscriber the slow-consumer policy {@code drop} applies to, beyond the bound. */
    public static final String DROP_SLOW_CONSUMER = "slow_consumer";

    /** A subscriber stayed congested past the slow-consumer timeout and the policy was applied to it. */
    public void slowConsumer() {
        slowConsumers.increment();
    }

    /** How many times the slow-consumer policy was applied. */
    public long slowConsumers() {
        return slowConsumers.sum();
    }

    /** A PUBLISH with this QoS arrived from a client (payload bytes only). */
    public void messageReceived(int qos, int payloadBytes) {
        messageReceived(payloadBytes);
        receivedByQos[qos].increment();
    }

    /** A PUBLISH with this QoS went out, {@code latencyMillis} after the broker received the message. */
    public void messageSent(int qos, int payloadBytes, long latencyMillis) {
        messageSent(payloadBytes);
        sentByQos[qos].increment();
        deliveryLatencyMillis.accept(latencyMillis);
    }

    /** A message was not delivered to one subscriber, for {@code reason} (one of the {@code DROP_} names). */
    public void messageDropped(String reason) {
        messageDropped();
        droppedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A CONNECT was refused; {@code reason} names the reason code in snake case, such as {@code not_authorized}. */
    public void connectionRefused(String reason) {
        refusedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A CONNECT failed authentication (bad user name or password, not authorized). */
    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    /** Where publish-to-deliver latencies go (milliseconds); the metrics install one. */
    public void onDeliveryLatency(LongConsumer listener) {
        this.deliveryLatencyMillis = listener;
    }

    public long connectionsTotal() {
        return connectionsTotal.sum();
    }

    public long authenticationFailures() {
        return authenticationFailures.sum();
    }

    public long messagesReceived(int qos) {
        return receivedByQos[qos].sum();
    }

    public long messagesSent(int qos) {
        return sentByQos[qos].sum();
    }

    /** Refused connections by reason, a moment's view. */
    public Map<String, Long> refusedByReason() {
        return snapshot(refusedByReason);
    }

    /** Dropped messages by reason, a moment's view. */
    public Map<String, Long> droppedByReason() {
        return snapshot(droppedByReason);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> view = new TreeMap<>();
        counters.forEach((reason, counter) -> view.put(reason, counter.sum()));
        return view;
    }

    // ---- limits ---------------------------------------------------------------------------------------------------

    /** A limit was hit: a connection closed, a read paused, a message or subscription refused (see {@link Limit}). */
    public void limitHit(Limit limit) {
        limitHits[limit.ordinal()].increment();
    }

    /** Times {@code limit} was hit since start. */
    public long limitHits(Limit limit) {
        return limitHits[limit.ordinal()].sum();
    }

    /** Every limit with its hits, a moment's view. */
    public Map<Limit, Long> limitHits() {
        Map<Limit, Long> view = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            view.put(limit, limitHits(limit));
        }
        return view;
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
