package io.cicada.mqtt.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads the MQTT data types (§1.5) from the variable header and payload of one packet, bounded by the packet's
 * Remaining Length: reading past the end is a Malformed Packet, never an IndexOutOfBoundsException. Used on the
 * channel's event loop by one decode call only.
 */
final class BodyReader {
    private final ByteBuf buf;

    /** Reads {@code body} from its reader index to its writer index. */
    BodyReader(ByteBuf body) {
        this.buf = body;
    }

    int remaining() {
        return buf.readableBytes();
    }

    boolean hasRemaining() {
        return buf.isReadable();
    }

    /** A reader over the next {@code length} bytes, which this reader then skips. */
    BodyReader limited(int length, String what) {
        need(length, what);
        return new BodyReader(buf.readSlice(length));
    }

    int readByte(String what) {
        need(1, what);
        return buf.readUnsignedByte();
    }

    int readTwoByteInteger(String what) {
        need(2, what);
        return buf.readUnsignedShort();
    }

    long readFourByteInteger(String what) {
        need(4, what);
        return buf.readUnsignedInt();
    }

    /** A Variable Byte Integer; in MQTT 5 it must use the fewest bytes [MQTT-1.5.5-1]. */
    int readVariableByteInteger(String what) {
        long peeked = VariableByteInteger.peek(buf, buf.readerIndex());
        if (peeked == VariableByteInteger.INCOMPLETE) {
            throw PacketViolation.malformed("packet ends inside " + what, null);
        }
        if (peeked == VariableByteInteger.TOO_LONG) {
            throw PacketViolation.malformed(what + " is longer than four bytes", "MQTT-1.5.5-1");
        }
        int value = VariableByteInteger.valueOf(peeked);
        int length = VariableByteInteger.lengthOf(peeked);
        if (length != VariableByteInteger.size(value)) {
            throw PacketViolation.malformed(what + " does not use the fewest bytes", "MQTT-1.5.5-1");
        }
        buf.skipBytes(length);
        return value;
    }

    /** A UTF-8 Encoded String, validated [MQTT-1.5.4-1] [MQTT-1.5.4-2]. */
    String readString(String what) {
        int length = readTwoByteInteger(what + " length");
        need(length, what);
        return MqttStrings.read(buf, length, what);
    }

    /** Binary Data: a Two Byte Integer length and that many bytes, copied once. */
    byte[] readBinary(String what) {
        int length = readTwoByteInteger(what + " length");
        need(length, what);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** All remaining bytes, copied once (the application message of a PUBLISH). */
    byte[] readRest() {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    /** Fails when bytes are left over after the last field: the packet is longer than its content. */
    void expectEnd(String packet) {
        if (buf.isReadable()) {
            throw PacketViolation.malformed(
                    packet + " has " + buf.readableBytes() + " bytes after its last field", null);
        }
    }

    private void need(int n, String what) {
        if (buf.readableBytes() < n) {
            throw PacketViolation.malformed("packet ends inside " + what, null);
        }
    }
}
