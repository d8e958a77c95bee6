package io.cicada.mqtt.packet;

/**
 * One MQTT control packet, decoded or about to be encoded. Every implementation is an immutable record, so a packet
 * can be handed between threads freely; the protocol version it is encoded with belongs to the connection, not to the
 * packet.
 */
public sealed interface MqttPacket
        permits Connect,
                ConnAck,
                Publish,
                PubAck,
                PubRec,
                PubRel,
                PubComp,
                Subscribe,
                SubAck,
                Unsubscribe,
                UnsubAck,
                PingReq,
                PingResp,
                Disconnect,
                Auth,
                MalformedPacket {

    /** The packet's type, for an exhaustive switch. */
    PacketType type();
}
