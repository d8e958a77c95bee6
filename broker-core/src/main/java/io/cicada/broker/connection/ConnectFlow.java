package io.cicada.broker.connection;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.broker.message.Message;
import io.cicada.broker.session.Session;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.mqtt.topic.Topics;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The CONNECT → CONNACK exchange: validation with every refusal code, authentication, session open or takeover, and
 * the CONNACK with its MQTT 5 properties. Runs on the connection's event loop; an asynchronous authenticator and the
 * session takeover complete back on it.
 */
final class ConnectFlow {
    /** The largest packet MQTT can express; Maximum Packet Size is only advertised below it. */
    static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_460;
    /** Refusal without CONNACK: a 3.x CONNECT whose content is malformed is answered by closing. */
    private static final int CLOSE_WITHOUT_CONNACK = -1;

    private final Connection connection;
    private final ConnectionContext context;
    private final BrokerSettings settings;
    /** The Authentication Method and final Authentication Data for the CONNACK, after enhanced authentication. */
    private Properties authResult = Properties.EMPTY;

    /** What an accepted CONNECT settled, handed to {@link Connection#connected}. */
    record Accepted(
            String clientId,
            String username,
            Message will,
            long willDelaySeconds,
            int keepAliveSeconds,
            int clientReceiveMaximum,
            long clientMaximumPacketSize,
            int clientTopicAliasMaximum,
            boolean problemInformation) {}

    ConnectFlow(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.context = context;
        this.settings = context.settings();
    }

    void onConnect(Connect connect) {
        MqttVersion version = connect.version();
        String clientId = connect.clientId();
        boolean assigned = false;
        int refusal = check(connect);
        if (refusal == ReasonCode.SUCCESS && clientId.isEmpty()) {
            refusal = checkEmptyClientId(connect);
            clientId = settings.assignedClientIdPrefix()
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
            assigned = true;
        }
        if (refusal != ReasonCode.SUCCESS) {
            refuse(connect, refusal);
            return;
        }
        String id = clientId;
        boolean wasAssigned = assigned;
        if (version.isV5() && connect.properties().authenticationMethod() != null) {
            connection.authFlow().begin(connect, id, wasAssigned); // enhanced authentication instead of a password
            return;
        }
        ConnectCredentials credentials = new ConnectCredentials(
                id,
                connect.username(),
                connect.password(),
                connection.outbound().remoteAddress(),
                connection.outbound().listenerName(),
                version);
        CompletableFuture<Integer> decision;
        try {
            decision = context.authenticator().authenticate(credentials).toCompletableFuture();
        } catch (RuntimeException e) {
            Connection.LOG.warn("authenticator failed for client '{}'", id, e);
            decision = CompletableFuture.completedFuture(ReasonCode.UNSPECIFIED_ERROR);
        }
        if (decision.isDone()) {
            int code = decision.exceptionally(e -> ReasonCode.UNSPECIFIED_ERROR).join();
            afterAuthentication(connect, id, wasAssigned, code);
        } else {
            decision.whenComplete((code, error) -> connection
                    .outbound()
                    .executor()
                    .execute(() -> afterAuthentication(
                            connect, id, wasAssigned, error != null ? ReasonCode.UNSPECIFIED_ERROR : code)));
        }
    }

    /** Checks that need nothing but the packet and the settings; returns the MQTT 5 reason code. */
    private int check(Connect connect) {
        MqttVersion version = connect.version();
        Redirection.Target redirect = context.redirection().current();
        if (redirect != null) {
            return redirect.reasonCode(); // §4.11 server redirection; 3.x: return code 3, server unavailable
        }
        String method = version.isV5() ? connect.properties().authenticationMethod() : null;
        if (method != null && !context.enhancedAuthentication().supports(method)) {
            return ReasonCode.BAD_AUTHENTICATION_METHOD; // §4.12: 0x8C for a method the server does not support
        }
        String clientId = connect.clientId();
        if (clientId.length() > settings.maxClientIdLength()) {
            return ReasonCode.CLIENT_IDENTIFIER_NOT_VALID; // [MQTT-3.1.3-5] the server may refuse longer ids
        }
        // MQTT 3.1 required 1..23 characters; longer ids are accepted as in 3.1.1 (as Mosquitto does).
        int keepAlive = connect.keepAliveSeconds();
        if (!version.isV5() && keepAliveOverridden(keepAlive)) {
            // 3.x cannot be told another keep-alive (MQTT 5 gets Server Keep Alive): refused, as Mosquitto does.
            return ReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
        }
        Will will = connect.will();
        if (will != null) {
            if (!Topics.isValidTopicName(will.topic())) {
                return version.isV5() ? ReasonCode.TOPIC_NAME_INVALID : CLOSE_WITHOUT_CONNACK;
            }
            io.cicada.broker.limit.Limit over = settings.limits().topicExceeds(will.topic());
            if (over != null) { // max_topic_levels, max_topic_length: CONNACK 0x90 (3.x: closed, as for a bad topic)
                context.stats().limitHit(over);
                return version.isV5() ? ReasonCode.TOPIC_NAME_INVALID : CLOSE_WITHOUT_CONNACK;
            }
            if (will.qos() > settings.maximumQos()) {
                return ReasonCode.QOS_NOT_SUPPORTED; // [MQTT-3.2.2-12]
            }
            if (will.retain() && !settings.retainAvailable()) {
                return ReasonCode.RETAIN_NOT_SUPPORTED; // [MQTT-3.2.2-13]
            }
            if (version.isV5() && !PayloadFormat.isValid(will.properties().payloadFormatIndicator(), will.payload())) {
                return ReasonCode.PAYLOAD_FORMAT_INVALID; // §3.1.3.2.3: a will marked UTF-8 must be UTF-8
            }
            if (will.topic().startsWith("$")) {
                return ReasonCode.NOT_AUTHORIZED; // the will topic's authorization waits for authentication
            }
        }
        if (connect.username() == null && !settings.allowAnonymous()) {
            return ReasonCode.NOT_AUTHORIZED; // 3.x return code 5
        }
        return ReasonCode.SUCCESS;
    }

    /** [MQTT-3.1.3-6] [MQTT-3.1.3-7] [MQTT-3.1.3-8]: who may connect with an empty client id. */
    private int checkEmptyClientId(Connect connect) {
        if (!settings.allowEmptyClientId()) {
            return ReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
        }
        return switch (connect.version()) {
            case MQTT_3_1 -> ReasonCode.CLIENT_IDENTIFIER_NOT_VALID; // 3.1 requires 1..23 characters
            case MQTT_3_1_1 -> connect.cleanStart() ? ReasonCode.SUCCESS : ReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
            case MQTT_5 -> ReasonCode.SUCCESS;
        };
    }

    private boolean keepAliveOverridden(int keepAlive) {
        int max = settings.maxKeepAliveSeconds();
        return keepAlive > max || (keepAlive == 0 && max < 65_535);
    }

    /** Enhanced authentication succeeded: the CONNACK will carry the method and {@code authResult}'s data. */
    void authenticated(Connect connect, String clientId, boolean assigned, Properties authResult) {
        this.authResult = authResult;
        afterAuthentication(connect, clientId, assigned, ReasonCode.SUCCESS);
        connection.endOfCycle();
    }

    /** Enhanced authentication failed: CONNACK with {@code code} and close. */
    void authenticationFailed(Connect connect, int code) {
        refuse(connect, code);
    }

    private void afterAuthentication(Connect connect, String clientId, boolean assigned, int code) {
        if (connection.isClosed()) {
            return;
        }
        if (code != ReasonCode.SUCCESS) {
            refuse(connect, code);
            return;
        }
        Will will = connect.will();
        if (will == null) {
            openSession(connect, clientId, assigned);
            return;
        }
        // After authentication, so that an authorizer fed by the credentials (token claims) knows the client.
        connection.authorization().authorizeWill(clientId, connect.username(), will, allowed -> {
            if (connection.isClosed()) {
                return;
            }
            if (allowed) {
                openSession(connect, clientId, assigned);
            } else {
                refuse(connect, ReasonCode.NOT_AUTHORIZED);
            }
        });
    }

    private void openSession(Connect connect, String clientId, boolean assigned) {
        context.sessions()
                .open(
                        clientId,
                        connect.cleanStart(),
                        connection.outbound().executor(),
                        (session, present) -> accept(connect, clientId, assigned, session, present));
    }

    private void accept(Connect connect, String clientId, boolean assigned, Session session, boolean present) {
        if (session == null) {
            connection.refused("session taken over by a newer connection before CONNACK");
            return;
        }
        if (connection.isClosed()) {
            context.sessions().disconnected(session);
            return;
        }
        context.wills().cancel(session); // [MQTT-3.1.3-9] a new connection to the session: no delayed will
        MqttVersion version = connect.version();
        Properties props = connect.properties();
        long requestedExpiry = version.isV5()
                ? (props.sessionExpiryInterval() == null ? 0 : props.sessionExpiryInterval())
                : (connect.cleanStart() ? 0 : Session.NEVER_EXPIRES);
        long expiry = Math.min(requestedExpiry, settings.maxSessionExpirySeconds());
        session.expiryIntervalSeconds(expiry);
        int keepAlive = connect.keepAliveSeconds();
        boolean overridden = version.isV5() && keepAliveOverridden(keepAlive);
        if (overridden) {
            keepAlive = settings.maxKeepAliveSeconds();
        }
        Properties connAckProperties = Properties.EMPTY;
        if (version.isV5()) {
            connAckProperties = connAckProperties(
                    expiry != requestedExpiry ? expiry : null,
                    overridden ? keepAlive : null,
                    assigned ? clientId : null);
            if (!authResult.isEmpty()) {
                connAckProperties = connAckProperties.toBuilder()
                        .authenticationMethod(authResult.authenticationMethod())
                        .authenticationData(authResult.authenticationData())
                        .build();
            }
            String responseInformation = context.mqtt5().responseInformation();
            // [MQTT-3.1.2-28] Response Information only when the client asked for it with Request Response Information
            // 1
            if (Integer.valueOf(1).equals(props.requestResponseInformation()) && !responseInformation.isEmpty()) {
                connAckProperties = connAckProperties.toBuilder()
                        .responseInformation(responseInformation.replace("{clientid}", clientId))
                        .build();
            }
        }
        // [MQTT-3.2.2-2] clean start: Session Present 0; [MQTT-3.2.2-3] resumed session: 1.
        connection.send(new ConnAck(present, ReasonCode.SUCCESS, connAckProperties));
        Will will = connect.will();
        Message willMessage = null;
        long willDelay = 0;
        if (will != null) {
            Properties willProps = will.properties();
            willDelay = willProps.willDelayInterval() == null ? 0 : willProps.willDelayInterval();
            Properties carried = willProps.isEmpty()
                    ? willProps
                    : willProps.toBuilder().willDelayInterval(null).build();
            willMessage = new Message(will.topic(), will.qos(), will.retain(), will.payload(), carried, clientId, 0);
        }
        int receiveMaximum = props.receiveMaximum() == null ? 65_535 : props.receiveMaximum();
        long maximumPacketSize = props.maximumPacketSize() == null ? Long.MAX_VALUE : props.maximumPacketSize();
        Connection.LOG.info(
                "client '{}' connected from {} via {} (MQTT {}, {}, keep-alive {} s)",
                clientId,
                connection.outbound().remoteAddress(),
                connection.outbound().listenerName(),
                version,
                connect.cleanStart() ? "clean start" : (present ? "session resumed" : "new session"),
                keepAlive);
        connection.connected(
                session,
                new Accepted(
                        clientId,
                        connect.username(),
                        willMessage,
                        willDelay,
                        keepAlive,
                        receiveMaximum,
                        maximumPacketSize,
                        props.topicAliasMaximum() == null ? 0 : props.topicAliasMaximum(),
                        // [MQTT-3.1.2-29] Request Problem Information 0: no Reason String outside CONNACK/DISCONNECT
                        !Integer.valueOf(0).equals(props.requestProblemInformation())));
        scheduleCredentialsExpiry(clientId);
        // This may run as a task outside any read cycle (session takeover, asynchronous authentication).
        connection.endOfCycle();
    }

    /** Closes the connection when the accepted credentials (a token) expire: MQTT 5 gets DISCONNECT 0x87 first. */
    private void scheduleCredentialsExpiry(String clientId) {
        Instant expiry = context.authenticator().credentialsExpiry(clientId);
        if (expiry == null) {
            return;
        }
        long delay = Math.max(0, expiry.toEpochMilli() - context.clock().millis());
        connection
                .outbound()
                .schedule(
                        () -> connection.disconnectWith(ReasonCode.NOT_AUTHORIZED, "credentials expired", true),
                        delay,
                        TimeUnit.MILLISECONDS);
    }

    private Properties connAckProperties(Long cappedExpiry, Integer serverKeepAlive, String assignedClientId) {
        Properties.Builder b = Properties.builder();
        // Absent means 65535 (§3.2.2.3.3). Sending 65535 explicitly breaks Paho's MQTT 5 client 1.2.5, which then
        // refuses every QoS 1/2 publish with "Too many publishes in progress" (eclipse-paho/paho.mqtt.java#993).
        if (settings.receiveMaximum() < 65_535) {
            b.receiveMaximum(settings.receiveMaximum());
        }
        if (settings.maximumQos() < 2) {
            b.maximumQos(settings.maximumQos());
        }
        if (!settings.retainAvailable()) {
            b.retainAvailable(0);
        }
        if (settings.maxPacketSize() < PROTOCOL_MAX_PACKET_SIZE) {
            b.maximumPacketSize((long) settings.maxPacketSize());
        }
        if (settings.topicAliasMaximum() > 0) {
            b.topicAliasMaximum(settings.topicAliasMaximum());
        }
        if (!settings.wildcardSubscriptionAvailable()) {
            b.wildcardSubscriptionAvailable(0);
        }
        if (!settings.subscriptionIdentifiersAvailable()) {
            b.subscriptionIdentifierAvailable(0);
        }
        if (!settings.sharedSubscriptionsAvailable()) {
            b.sharedSubscriptionAvailable(0);
        }
        b.serverKeepAlive(serverKeepAlive);
        b.sessionExpiryInterval(cappedExpiry);
        b.assignedClientIdentifier(assignedClientId); // [MQTT-3.2.2-16]
        return b.build();
    }

    /**
     * The CONNACK that answers bytes that could not be decoded before the connection is established: MQTT 5 gets the
     * decoder's reason code, 3.x only the two return codes that fit (0x01 unacceptable version [MQTT-3.1.2-2], 0x02
     * identifier rejected); null means close without CONNACK (3.1.1 §4.8).
     */
    static ConnAck answerToMalformedConnect(MalformedPacket malformed) {
        int code = malformed.reasonCode();
        if (malformed.version() == MqttVersion.MQTT_5) {
            return new ConnAck(false, code, Properties.EMPTY);
        }
        return switch (code) {
            case ReasonCode.UNSUPPORTED_PROTOCOL_VERSION ->
                new ConnAck(false, ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION, Properties.EMPTY);
            case ReasonCode.CLIENT_IDENTIFIER_NOT_VALID ->
                new ConnAck(false, ReasonCode.V3_IDENTIFIER_REJECTED, Properties.EMPTY);
            default -> null;
        };
    }

    /** CONNACK with the refusal (Session Present 0 [MQTT-3.2.2-6], 3.1.1 [MQTT-3.2.2-4]) and close. */
    private void refuse(Connect connect, int code) {
        String who = connect.clientId().isEmpty() ? "(empty id)" : "'" + connect.clientId() + "'";
        if (code == CLOSE_WITHOUT_CONNACK) {
            Connection.LOG.info(
                    "client {} refused from {}: invalid will topic",
                    who,
                    connection.outbound().remoteAddress());
            connection.refused("invalid will topic");
            return;
        }
        int sent = connect.version().isV5() ? code : ReasonCode.toV3ConnectReturnCode(code);
        countRefusal(code);
        Properties properties = Properties.EMPTY;
        Redirection.Target redirect = context.redirection().current();
        if (connect.version().isV5() && redirect != null && code == redirect.reasonCode()) {
            properties = Properties.builder()
                    .serverReference(redirect.serverReference())
                    .build(); // §4.11
        }
        connection.send(new ConnAck(false, sent, properties));
        Connection.LOG.info(
                "client {} refused from {} via {}: {}",
                who,
                connection.outbound().remoteAddress(),
                connection.outbound().listenerName(),
                ReasonCode.describe(code));
        connection.refused("refused: " + ReasonCode.describe(code), code);
    }

    /** Counts the refusal under the reason's name in snake case, such as {@code not_authorized}. */
    private void countRefusal(int code) {
        String described = ReasonCode.describe(code);
        String name = described.startsWith("0x") ? described.substring(described.indexOf(' ') + 1) : described;
        context.stats()
                .connectionRefused(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        if (code == ReasonCode.NOT_AUTHORIZED || code == ReasonCode.BAD_USER_NAME_OR_PASSWORD) {
            context.stats().authenticationFailed();
        }
    }
}
