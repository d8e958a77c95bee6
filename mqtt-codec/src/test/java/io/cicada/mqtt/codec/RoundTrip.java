package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import java.util.List;

/** Encodes a packet and decodes the bytes again, for tests. */
final class RoundTrip {
    private RoundTrip() {}

    /**
     * The packet decoded from {@code packet}'s bytes: a CONNECT by a server decoder, anything else by a client decoder
     * (which decodes every packet type and allows Subscription Identifiers in PUBLISH).
     */
    static MqttPacket viaBytes(MqttPacket packet, MqttVersion version) {
        byte[] bytes = DecoderHarness.bytes(packet, version);
        MqttDecoder decoder = packet.type() == PacketType.CONNECT
                ? new MqttDecoder(Integer.MAX_VALUE)
                : MqttDecoder.forClient(version, Integer.MAX_VALUE);
        List<MqttPacket> decoded = new DecoderHarness(decoder).feed(bytes);
        if (decoded.size() != 1) {
            throw new AssertionError("expected one packet, got " + decoded);
        }
        return decoded.get(0);
    }
}
