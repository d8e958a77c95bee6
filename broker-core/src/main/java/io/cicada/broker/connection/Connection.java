package io.cicada.broker.connection;

import io.cicada.broker.message.Message;
import io.cicada.broker.routing.DeliveryBatch;
import io.cicada.broker.session.Session;
import io.cicada.broker.session.SessionLink;
import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Unsubscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its protocol state machine (awaiting CONNECT → connecting → connected → closed) and the
 * one place every packet is dispatched, {@link #receive}, to the flows. Lives on its socket's event loop
 * ({@link Outbound#executor()}) for its whole life; nothing else touches it (shutdown and takeover hop onto that loop).
 *
 * <p>Closing: every way out goes through {@link #terminate}, once, which logs one line with the reason, schedules the
 * will when the close was abnormal [MQTT-3.1.2-8] and hands the session back to the registry (offline or ended).
 */
public final class Connection implements Inbound, SessionLink {
    static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_PACKETS_BEFORE_CONNACK = 1_000;

    private enum State {
        AWAITING_CONNECT,
        CONNECTING,
        CONNECTED,
        CLOSED
    }

    private final Outbound outbound;
    private final ConnectionContext context;
    private final KeepAlive keepAlive;
    private final DeliveryBatch batch = new DeliveryBatch();
    private final PublisherBackpressure backpressure;
    private final ConnectFlow connectFlow;
    private final PublishFlow publishFlow;
    private final SubscribeFlow subscribeFlow;
    private final UnsubscribeFlow unsubscribeFlow;
    private final AuthFlow authFlow;
    private final AuthorizationGate authorization;
    private final DisconnectFlow disconnectFlow;
    private final List<MqttPacket> earlyPackets = new ArrayList<>();
    private final Outbound.Cancellable connectTimeout;

    private State state = State.AWAITING_CONNECT;
    private MqttVersion version = MqttVersion.MQTT_3_1_1;
    private String clientId;
    private String username;
    private Session session;
    private Message will;
    private long willDelaySeconds;
    private int receiveMaximum = 65_535;
    private long maximumPacketSize = Long.MAX_VALUE;
    private OutboundTopicAliases outboundAliases;
    private boolean problemInformation = true;
    private boolean unflushed;

    public Connection(Outbound outbound, ConnectionContext context) {
        this.outbound = outbound;
        this.context = context;
        this.keepAlive = new KeepAlive(outbound, context.clock(), this::keepAliveExpired);
        this.backpressure = new PublisherBackpressure(outbound);
        this.connectFlow = new ConnectFlow(this, context);
        this.publishFlow = new PublishFlow(this, context);
        this.subscribeFlow = new SubscribeFlow(this, context);
        this.unsubscribeFlow = new UnsubscribeFlow(this);
        this.authFlow = new AuthFlow(this, context);
        this.authorization = new AuthorizationGate(this, context, publishFlow);
        this.disconnectFlow = new DisconnectFlow(this, context);
        int timeout = context.settings().connectTimeoutSeconds();
        this.connectTimeout = timeout > 0 ? outbound.schedule(this::connectTimedOut, timeout, TimeUnit.SECONDS) : null;
        context.openConnections().add(this);
    }

    // ---- Inbound ----------------------------------------------------------------------------------------------------

    @Override
    public void receive(MqttPacket packet) {
        switch (state) {
            case CLOSED -> {
                return;
            }
            case CONNECTING -> {
                if (packet.type() == PacketType.AUTH && authFlow.isAuthenticating()) {
                    keepAlive.touch();
                    authFlow.onAuth((Auth) packet); // the enhanced authentication exchange before CONNACK (§4.12)
                    return;
                }
                // The client may send packets right after CONNECT; they wait for the CONNACK.
                if (packet.type() != PacketType.MALFORMED && earlyPackets.size() < MAX_PACKETS_BEFORE_CONNACK) {
                    earlyPackets.add(packet);
                    return;
                }
            }
            default -> {}
        }
        keepAlive.touch();
        if (authorization.holds(packet)) {
            return; // behind an authorization answer that is not in memory yet
        }
        dispatch(packet);
    }

    /**
     * The one switch over every packet type (a switch expression, so the compiler checks that every type is handled).
     */
    void dispatch(MqttPacket packet) {
        PacketType type = packet.type();
        if (state != State.CONNECTED && type != PacketType.CONNECT && type != PacketType.MALFORMED) {
            refused("packet before CONNECT"); // [MQTT-3.1.0-1]
            return;
        }
        // Non-capturing lambdas: the JVM makes each one once, so dispatching a packet allocates nothing.
        BiConsumer<Connection, MqttPacket> step =
                switch (type) {
                    case CONNECT -> (c, p) -> c.onConnect((Connect) p);
                    case PUBLISH -> (c, p) -> c.publishFlow.onPublish((Publish) p);
                    case PUBREL -> (c, p) -> c.publishFlow.onPubRel((PubRel) p);
                    case PUBACK -> (c, p) -> c.session.acknowledge(((PubAck) p).packetId());
                    case PUBREC -> (c, p) -> c.onPubRec((PubRec) p);
                    case PUBCOMP -> (c, p) -> c.session.complete(((PubComp) p).packetId());
                    case SUBSCRIBE -> (c, p) -> c.subscribeFlow.onSubscribe((Subscribe) p);
                    case UNSUBSCRIBE -> (c, p) -> c.unsubscribeFlow.onUnsubscribe((Unsubscribe) p);
                    case PINGREQ -> (c, p) -> c.send(PingResp.INSTANCE);
                    case DISCONNECT -> (c, p) -> c.disconnectFlow.onDisconnect((Disconnect) p);
                    case AUTH -> (c, p) -> c.authFlow.onAuth((Auth) p); // re-authentication (§4.12.1)
                    // Server-to-client packets are protocol errors.
                    case CONNACK, SUBACK, UNSUBACK, PINGRESP -> (c, p) -> c.protocolError(p.type() + " from a client");
                    case MALFORMED -> (c, p) -> c.disconnectFlow.onMalformed((MalformedPacket) p);
                };
        step.accept(this, packet);
    }

    @Override
    public void readComplete() {
        endOfCycle();
    }

    /**
     * Hands this cycle's deliveries to the subscribers' loops and flushes what this connection sent: at the end of a
     * read cycle, and at the end of work that runs outside one (a CONNECT completed asynchronously).
     */
    void endOfCycle() {
        backpressure.await(batch.takeCongested(), session);
        batch.dispatch();
        publishFlow.commitAcknowledgements();
        flush();
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (writable && state == State.CONNECTED) {
            session.drain();
            session.flush();
        }
    }

    @Override
    public void closed() {
        terminate("connection lost", true, true);
    }

    // ---- SessionLink ----------------------------------------------------------------------------------------------

    @Override
    public MqttVersion version() {
        return version;
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public long maximumPacketSize() {
        return maximumPacketSize;
    }

    @Override
    public void send(MqttPacket packet) {
        if (state != State.CLOSED) {
            outbound.send(packet);
            unflushed = true;
        }
    }

    @Override
    public void flush() {
        if (unflushed) {
            unflushed = false;
            outbound.flush();
        }
    }

    @Override
    public Publish withTopicAlias(Publish publish) {
        return outboundAliases == null ? publish : outboundAliases.apply(publish);
    }

    @Override
    public boolean isWritable() {
        return outbound.isWritable();
    }

    @Override
    public void schedule(Runnable task, long delayMillis) {
        if (state != State.CLOSED) {
            outbound.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void slowConsumer() {
        disconnectWith(ReasonCode.QUOTA_EXCEEDED, "slow consumer", true);
    }

    @Override
    public void takenOver() {
        disconnectWith(ReasonCode.SESSION_TAKEN_OVER, "session taken over", false); // [MQTT-3.1.4-3]
    }

    // ---- handlers -------------------------------------------------------------------------------------------------

    private void onConnect(Connect connect) {
        if (state != State.AWAITING_CONNECT) {
            protocolError("second CONNECT"); // [MQTT-3.1.0-2]
            return;
        }
        cancelConnectTimeout();
        state = State.CONNECTING;
        version = connect.version();
        connectFlow.onConnect(connect);
    }

    private void onPubRec(PubRec pubRec) {
        PubRel answer = session.received(pubRec.packetId(), pubRec.reasonCode());
        if (answer != null) {
            send(version.isV5() ? answer : new PubRel(answer.packetId()));
        }
    }

    /** A protocol error: MQTT 5 gets DISCONNECT 0x82, 3.x a plain close; the will is published. */
    void protocolError(String what) {
        disconnectWith(ReasonCode.PROTOCOL_ERROR, "protocol error: " + what, true);
    }

    /**
     * Closes from the server side: MQTT 5 clients that got their CONNACK are sent DISCONNECT {@code reasonCode}
     * first. The will is published (the close is abnormal for the client).
     */
    void disconnectWith(int reasonCode, String reason, boolean sessionStays) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTED && version.isV5()) {
            // A Reason String is allowed on DISCONNECT even without Problem Information [MQTT-3.1.2-29]
            send(new Disconnect(reasonCode, reasonStringProperties(reason)));
        }
        terminate(reason + " (" + ReasonCode.describe(reasonCode) + ")", true, sessionStays);
        outbound.close(reasonCode);
    }

    /** A Reason String property, unless it would push the packet past the client's Maximum Packet Size. */
    private Properties reasonStringProperties(String reason) {
        // at most 4 bytes of header and reason code, plus the property (1 + 2 + UTF-8 length): never past the client's
        // Maximum Packet Size [MQTT-3.14.2-3] [MQTT-3.4.2-2]
        if (reason == null || 7L + reason.length() * 3L > maximumPacketSize) {
            return Properties.EMPTY;
        }
        return Properties.builder().reasonString(reason).build();
    }

    /**
     * Properties for an acknowledgement with an error reason code: a Reason String only when the client did not turn
     * Problem Information off [MQTT-3.1.2-29].
     */
    Properties problem(String reason) {
        return problemInformation ? reasonStringProperties(reason) : Properties.EMPTY;
    }

    private void keepAliveExpired() {
        disconnectWith(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep-alive timeout", true);
    }

    private void connectTimedOut() {
        if (state == State.AWAITING_CONNECT) {
            terminate("no CONNECT within " + context.settings().connectTimeoutSeconds() + " s", false, true);
            outbound.close();
        }
    }

    private void cancelConnectTimeout() {
        if (connectTimeout != null) {
            connectTimeout.cancel();
        }
    }

    /**
     * The single way out: logs once, schedules the will, hands the session back unless it was taken over
     * ({@code keepSession} false: the new owner has it).
     */
    void terminate(String reason, boolean publishWill, boolean keepSession) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        cancelConnectTimeout();
        keepAlive.stop();
        earlyPackets.clear();
        context.openConnections().remove(this);
        if (was != State.CONNECTED) {
            if (clientId != null || was == State.CONNECTING) {
                LOG.debug("connection from {} closed before CONNACK: {}", outbound.remoteAddress(), reason);
            }
            return;
        }
        batch.dispatch();
        flush();
        context.stats().clientDisconnected();
        LOG.info("client '{}' disconnected: {}", clientId, reason);
        context.clientEvents()
                .disconnected(
                        clientId,
                        reason,
                        username,
                        outbound.remoteAddress(),
                        outbound.listenerName(),
                        version.toString());
        Session current = session;
        session = null;
        if (publishWill && will != null) {
            context.wills().schedule(current, will, username, willDelaySeconds);
        }
        will = null;
        if (keepSession) {
            context.sessions().disconnected(current);
        }
    }

    // ---- used by the flows ----------------------------------------------------------------------------------------

    /** CONNECT accepted and CONNACK sent: attaches the session and replays packets that arrived meanwhile. */
    void connected(Session acquired, ConnectFlow.Accepted accepted) {
        this.session = acquired;
        this.clientId = accepted.clientId();
        this.username = accepted.username();
        this.will = accepted.will();
        this.willDelaySeconds = accepted.willDelaySeconds();
        this.receiveMaximum = accepted.clientReceiveMaximum();
        this.maximumPacketSize = accepted.clientMaximumPacketSize();
        this.problemInformation = accepted.problemInformation();
        int aliases =
                Math.min(accepted.clientTopicAliasMaximum(), context.mqtt5().outboundTopicAliasMaximum());
        this.outboundAliases =
                version.isV5() && aliases > 0 ? new OutboundTopicAliases(aliases, maximumPacketSize) : null;
        this.state = State.CONNECTED;
        context.stats().clientConnected();
        context.clientEvents()
                .connected(clientId, outbound.remoteAddress(), outbound.listenerName(), version.toString(), username);
        keepAlive.touch();
        keepAlive.start(accepted.keepAliveSeconds());
        acquired.attach(this);
        List<MqttPacket> replay = new ArrayList<>(earlyPackets);
        earlyPackets.clear();
        for (MqttPacket packet : replay) {
            if (state != State.CONNECTED) {
                return;
            }
            if (!authorization.holds(packet)) {
                dispatch(packet);
            }
        }
    }

    /** CONNECT refused or abandoned before CONNACK (CONNACK with an error code already sent, if any). */
    void refused(String reason) {
        terminate(reason, false, true);
        outbound.close();
    }

    /** {@link #refused(String)} with the reason code of the refusal, for transports that pass it on. */
    void refused(String reason, int reasonCode) {
        terminate(reason, false, true);
        outbound.close(reasonCode);
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True once CONNACK accepted the connection, until it closes. */
    boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** A malformed CONNECT told its version before it failed: the refusal answers in that version. */
    void version(MqttVersion refusedVersion) {
        this.version = refusedVersion;
    }

    /** Broker shutdown: MQTT 5 clients get DISCONNECT 0x8B; wills are not published. Runs on the event loop. */
    public void shutdown() {
        if (state == State.CONNECTED && version.isV5()) {
            send(new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, Properties.EMPTY));
        }
        terminate("server shutting down (" + ReasonCode.describe(ReasonCode.SERVER_SHUTTING_DOWN) + ")", false, true);
        outbound.close(ReasonCode.SERVER_SHUTTING_DOWN);
    }

    /**
     * Server redirection of a connected client (§4.11): MQTT 5 gets DISCONNECT 0x9C/0x9D with the Server Reference;
     * every client is closed without its will, as at shutdown. Runs on the event loop.
     */
    public void redirect(Redirection.Target target) {
        if (state == State.CONNECTED && version.isV5()) {
            send(new Disconnect(
                    target.reasonCode(),
                    Properties.builder()
                            .serverReference(target.serverReference())
                            .build()));
        }
        terminate(
                "redirected to " + target.serverReference() + " (" + ReasonCode.describe(target.reasonCode()) + ")",
                false,
                true);
        outbound.close(target.reasonCode());
    }

    /** Runs {@code task} on this connection's event loop (from any thread). */
    public void runOnLoop(Runnable task) {
        outbound.executor().execute(task);
    }

    Outbound outbound() {
        return outbound;
    }

    AuthFlow authFlow() {
        return authFlow;
    }

    AuthorizationGate authorization() {
        return authorization;
    }

    ConnectFlow connectFlow() {
        return connectFlow;
    }

    DeliveryBatch batch() {
        return batch;
    }

    Session session() {
        return session;
    }

    String clientId() {
        return clientId;
    }

    String username() {
        return username;
    }

    /** The granted keep-alive in seconds (0 = none). */
    int keepAliveSeconds() {
        return keepAlive.seconds();
    }

    @Override
    public String toString() {
        return "Connection[" + (clientId == null ? outbound.remoteAddress() : clientId) + "]";
    }
}
