package io.cicada.mqtt.packet;

/**
 * What the decoder produces instead of a packet when the bytes break the spec: the connection answers it (CONNACK or
 * DISCONNECT with {@code reasonCode} in MQTT 5, a plain close in 3.1 / 3.1.1) and closes. Never thrown; the decoder
 * stops reading the connection after producing one.
 *
 * @param packetType the type from the fixed header, or null when even that was invalid
 * @param reasonCode the MQTT 5 reason code that fits: {@link ReasonCode#MALFORMED_PACKET}, {@link
 *     ReasonCode#PROTOCOL_ERROR}, {@link ReasonCode#PACKET_TOO_LARGE}, {@link ReasonCode#TOPIC_NAME_INVALID}, {@link
 *     ReasonCode#UNSUPPORTED_PROTOCOL_VERSION}, {@link ReasonCode#CLIENT_IDENTIFIER_NOT_VALID}, ...
 * @param reason what was wrong, for the log line (never contains payload bytes)
 * @param specRef the normative statement broken, such as {@code MQTT-3.3.1-4}, or null
 * @param version the connection's protocol version as far as the decoder knows it (from this CONNECT's protocol
 *     level, or the earlier CONNECT), or null when unknown; tells the connection how to answer
 */
public record MalformedPacket(PacketType packetType, int reasonCode, String reason, String specRef, MqttVersion version)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.MALFORMED;
    }
}
