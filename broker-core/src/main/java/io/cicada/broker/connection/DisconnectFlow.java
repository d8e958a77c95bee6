package io.cicada.broker.connection;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;

/**
 * How a connection ends because of what the client sent: its DISCONNECT (with the MQTT 5 Session Expiry Interval it
 * may change and the will it may ask for) or a malformed packet. Stateless apart from its connection; runs on the
 * connection's event loop.
 */
final class DisconnectFlow {
    private final Connection connection;
    private final ConnectionContext context;

    DisconnectFlow(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.context = context;
    }

    void onDisconnect(Disconnect disconnect) {
        boolean v5 = connection.version().isV5();
        if (v5) {
            Long interval = disconnect.properties().sessionExpiryInterval();
            if (interval != null) {
                if (connection.session().expiryIntervalSeconds() == 0 && interval != 0) {
                    connection.protocolError("DISCONNECT sets a session expiry after CONNECT had 0"); // [MQTT-3.14.2-2]
                    return;
                }
                connection
                        .session()
                        .expiryIntervalSeconds(
                                Math.min(interval, context.settings().maxSessionExpirySeconds()));
            }
        }
        // [MQTT-3.1.2-10] a normal DISCONNECT discards the will; MQTT 5 reason 0x04 asks for it to be sent.
        boolean sendWill = v5 && disconnect.reasonCode() == ReasonCode.DISCONNECT_WITH_WILL_MESSAGE;
        String reason = disconnect.reasonCode() == ReasonCode.NORMAL_DISCONNECTION
                ? "client sent DISCONNECT"
                : "client sent DISCONNECT (" + ReasonCode.describe(disconnect.reasonCode()) + ")";
        connection.terminate(reason, sendWill, true);
        connection.outbound().close();
    }

    void onMalformed(MalformedPacket malformed) {
        String reason = "malformed packet: " + malformed.reason()
                + (malformed.specRef() == null ? "" : " [" + malformed.specRef() + "]");
        if (connection.isConnected()) {
            connection.disconnectWith(malformed.reasonCode(), reason, true);
            return;
        }
        if (malformed.version() == MqttVersion.MQTT_5) {
            connection.version(MqttVersion.MQTT_5);
        }
        ConnAck answer = ConnectFlow.answerToMalformedConnect(malformed);
        if (answer != null) {
            connection.send(answer);
        }
        String described = reason + " (" + ReasonCode.describe(malformed.reasonCode()) + ")";
        Outbound outbound = connection.outbound();
        Connection.LOG.info(
                "connection from {} via {} refused: {}", outbound.remoteAddress(), outbound.listenerName(), described);
        connection.refused(described, malformed.reasonCode());
    }
}
