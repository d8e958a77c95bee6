package io.cicada.broker.connection;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.message.Message;
import io.cicada.broker.session.Session;
import io.cicada.broker.session.SessionJournal;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inbound PUBLISH at QoS 0, 1 and 2 and the PUBREL that completes QoS 2: topic alias resolution, the limits the
 * broker advertised (Maximum QoS, Retain Available, Receive Maximum), exactly-once for QoS 2 and the hand-off to the
 * {@link io.cicada.broker.routing.Router}. Runs on the connection's event loop; owns the connection's inbound topic
 * aliases, which never carry over to another connection [MQTT-3.3.2-7].
 *
 * <p>Durable mode: PUBACK, PUBREC and PUBCOMP wait until what the PUBLISH or PUBREL changed (the message, its routing
 * to persistent sessions, the inbound QoS 2 packet id) is committed. They collect during the read cycle and go out
 * in order, together, once the journal's group commit that holds them is synced ({@link #commitAcknowledgements}).
 */
final class PublishFlow {
    private final Connection connection;
    private final ConnectionContext context;
    private final BrokerSettings settings;
    private final Map<Integer, String> topicAliases = new HashMap<>();
    private final SessionJournal journal;
    private final PublishLimiter limiter;
    private List<MqttPacket> pendingAcknowledgements = new ArrayList<>();

    PublishFlow(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.context = context;
        this.settings = context.settings();
        this.journal = context.sessions().journal();
        this.limiter = PublishLimiter.create(connection, context);
    }

    void onPublish(Publish publish) {
        boolean v5 = connection.version().isV5();
        String topic = resolveTopic(publish, v5);
        if (topic == null) {
            return;
        }
        if (publish.qos() > settings.maximumQos()) {
            connection.disconnectWith(ReasonCode.QOS_NOT_SUPPORTED, "QoS above Maximum QoS", true); // [MQTT-3.2.2-11]
            return;
        }
        if (publish.retain() && !settings.retainAvailable()) {
            connection.disconnectWith(ReasonCode.RETAIN_NOT_SUPPORTED, "retain not available", true); // [MQTT-3.2.2-14]
            return;
        }
        Session session = connection.session();
        if (v5 && !PayloadFormat.isValid(publish.properties().payloadFormatIndicator(), publish.payload())) {
            refuseMalformedPayload(publish);
            return;
        }
        if (publish.qos() == 2 && session.isAwaitingRelease(publish.packetId())) {
            // [MQTT-4.3.3-9] a re-sent PUBLISH before PUBREL is acknowledged again but not routed again
            acknowledge(new PubRec(publish.packetId()));
            return;
        }
        if (v5 && publish.qos() == 2 && session.awaitingReleaseCount() >= settings.receiveMaximum()) {
            // [MQTT-3.3.4-7] the client sent more unacknowledged QoS 2 PUBLISHes than the Receive Maximum
            connection.disconnectWith(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "receive maximum exceeded", true);
            return;
        }
        int limited = limiter == null ? ReasonCode.SUCCESS : limiter.check(publish, topic);
        if (limited != ReasonCode.SUCCESS) {
            refuseOverLimit(publish, limited);
            return;
        }
        Message message = new Message(
                topic,
                publish.qos(),
                publish.retain(),
                publish.payload(),
                messageProperties(publish.properties()),
                connection.clientId(),
                context.clock().millis());
        context.stats().messageReceived(publish.qos(), publish.payload().size());
        int code = connection.authorization().route(message, connection.username(), connection.batch());
        Properties problem = ReasonCode.isError(code)
                ? connection.problem("not authorized to publish to " + topic)
                : Properties.EMPTY;
        switch (publish.qos()) {
            case 0 -> {}
            case 1 -> acknowledge(new PubAck(publish.packetId(), v5 ? code : 0, v5 ? problem : Properties.EMPTY));
            default -> {
                if (!ReasonCode.isError(code)) {
                    session.awaitRelease(publish.packetId());
                }
                acknowledge(new PubRec(publish.packetId(), v5 ? code : 0, v5 ? problem : Properties.EMPTY));
            }
        }
    }

    /**
     * A PUBLISH whose Payload Format Indicator says UTF-8 over a payload that is not (§3.3.2.3.2): not routed; QoS 1
     * and 2 get PUBACK / PUBREC 0x99, QoS 0 (which has no acknowledgement) DISCONNECT 0x99.
     */
    private void refuseMalformedPayload(Publish publish) {
        String reason = "payload is not UTF-8 but its Payload Format Indicator says so";
        switch (publish.qos()) {
            case 0 -> connection.disconnectWith(ReasonCode.PAYLOAD_FORMAT_INVALID, reason, true);
            case 1 ->
                acknowledge(
                        new PubAck(publish.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID, connection.problem(reason)));
            default ->
                acknowledge(
                        new PubRec(publish.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID, connection.problem(reason)));
        }
    }

    /**
     * A PUBLISH over a limit ({@link PublishLimiter}), not routed. Rate (0x97 Quota exceeded): QoS 0 is dropped; QoS 1
     * and 2 get PUBACK / PUBREC 0x97 in MQTT 5, and in 3.x the normal acknowledgement, as 3.1.1 allows for a publish the
     * server does not perform [MQTT-3.3.5-2]. Topic over max_topic_levels / max_topic_length (0x90 Topic Name invalid):
     * MQTT 5 QoS 1 and 2 get PUBACK / PUBREC 0x90; QoS 0, which has no acknowledgement, gets DISCONNECT 0x90, and a 3.x
     * client is disconnected, as Mosquitto does for a topic over its hierarchy limit.
     */
    private void refuseOverLimit(Publish publish, int code) {
        boolean v5 = connection.version().isV5();
        if (code == ReasonCode.TOPIC_NAME_INVALID && (publish.qos() == 0 || !v5)) {
            connection.disconnectWith(code, "topic name over the broker's limits", true);
            return;
        }
        Properties problem = v5 ? limiter.problem(code) : Properties.EMPTY;
        switch (publish.qos()) {
            case 0 -> {}
            case 1 -> acknowledge(new PubAck(publish.packetId(), v5 ? code : 0, problem));
            default -> acknowledge(new PubRec(publish.packetId(), v5 ? code : 0, problem));
        }
    }

    void onPubRel(PubRel pubRel) {
        boolean known = connection.session().release(pubRel.packetId());
        if (known || !connection.version().isV5()) {
            acknowledge(new PubComp(pubRel.packetId()));
        } else {
            acknowledge(new PubComp(pubRel.packetId(), ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY));
        }
    }

    /** Sends an acknowledgement now (memory mode) or after the next commit (durable mode), in order either way. */
    private void acknowledge(MqttPacket acknowledgement) {
        if (journal.durable()) {
            pendingAcknowledgements.add(acknowledgement);
        } else {
            connection.send(acknowledgement);
        }
    }

    /**
     * End of a read cycle: the acknowledgements collected in it are sent, on this loop, once the journal has
     * committed everything appended so far; nothing waits on the loop meanwhile.
     */
    void commitAcknowledgements() {
        if (pendingAcknowledgements.isEmpty()) {
            return;
        }
        List<MqttPacket> ready = pendingAcknowledgements;
        pendingAcknowledgements = new ArrayList<>();
        journal.afterCommit(() -> connection.runOnLoop(() -> {
            for (MqttPacket acknowledgement : ready) {
                connection.send(acknowledgement);
            }
            connection.flush();
        }));
    }

    /** The topic {@code publish} is for, resolving a Topic Alias without registering one; null when unknown. */
    String topicOf(Publish publish) {
        if (!publish.topic().isEmpty()) {
            return publish.topic();
        }
        Integer alias = connection.version().isV5() ? publish.properties().topicAlias() : null;
        return alias == null ? null : topicAliases.get(alias);
    }

    /** The PUBLISH's topic after MQTT 5 Topic Alias handling, or null when the connection was closed for it. */
    private String resolveTopic(Publish publish, boolean v5) {
        Integer alias = v5 ? publish.properties().topicAlias() : null;
        if (alias == null) {
            if (publish.topic().isEmpty()) {
                connection.protocolError("empty topic without Topic Alias");
                return null;
            }
            return publish.topic();
        }
        if (alias == 0 || alias > settings.topicAliasMaximum()) {
            // [MQTT-3.3.2-8] alias 0; [MQTT-3.3.2-9] above the Topic Alias Maximum the broker sent
            connection.disconnectWith(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias + " invalid", true);
            return null;
        }
        if (publish.topic().isEmpty()) {
            String known = topicAliases.get(alias);
            if (known == null) {
                connection.protocolError("unknown topic alias " + alias);
            }
            return known;
        }
        topicAliases.put(alias, publish.topic());
        return publish.topic();
    }

    /** The properties that travel with the message: not the Topic Alias or Subscription Identifiers of this hop. */
    private static Properties messageProperties(Properties properties) {
        boolean perHop = properties.topicAlias() != null
                || !properties.subscriptionIdentifiers().isEmpty();
        if (!perHop) {
            return properties;
        }
        return properties.toBuilder()
                .topicAlias(null)
                .subscriptionIdentifiers(null)
                .build();
    }
}
