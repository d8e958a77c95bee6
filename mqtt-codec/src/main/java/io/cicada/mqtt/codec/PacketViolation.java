package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.ReasonCode;

/**
 * Signals, inside the decoder only, that the bytes of one packet break the spec; {@link MqttDecoder} turns it into a
 * {@link io.cicada.mqtt.packet.MalformedPacket} and never lets it leave the pipeline. Created and caught on the
 * channel's event loop. Carries no stack trace: it is control flow, and malformed input is cheap to send.
 */
final class PacketViolation extends RuntimeException {
    private final int reasonCode;
    private final String specRef;

    PacketViolation(int reasonCode, String reason, String specRef) {
        super(reason, null, false, false);
        this.reasonCode = reasonCode;
        this.specRef = specRef;
    }

    /** A Malformed Packet (0x81): the bytes cannot be parsed as the spec describes. */
    static PacketViolation malformed(String reason, String specRef) {
        return new PacketViolation(ReasonCode.MALFORMED_PACKET, reason, specRef);
    }

    /** A Protocol Error (0x82): the bytes parse, but break a rule about their values. */
    static PacketViolation protocolError(String reason, String specRef) {
        return new PacketViolation(ReasonCode.PROTOCOL_ERROR, reason, specRef);
    }

    int reasonCode() {
        return reasonCode;
    }

    String specRef() {
        return specRef;
    }
}
