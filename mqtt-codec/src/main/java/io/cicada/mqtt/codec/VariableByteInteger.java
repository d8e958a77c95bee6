package io.cicada.mqtt.codec;

import io.netty.buffer.ByteBuf;

/**
 * The Variable Byte Integer of MQTT (§1.5.5 in MQTT 5, §2.2.3 in 3.1.1): 7 bits per byte, least significant group
 * first, the high bit saying "more bytes follow", at most four bytes (0..268,435,455). Stateless; any thread.
 */
public final class VariableByteInteger {
    /** The largest value four bytes can carry. */
    public static final int MAX_VALUE = 268_435_455;

    /** Returned by {@link #peek} when more bytes are needed. */
    static final long INCOMPLETE = -1;

    /** Returned by {@link #peek} when a fifth byte would be needed. */
    static final long TOO_LONG = -2;

    private VariableByteInteger() {}

    /** The number of bytes {@code value} takes on the wire (1..4). */
    public static int size(int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("not a variable byte integer: " + value);
        }
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }

    /** Writes {@code value} with the fewest bytes. */
    public static void write(ByteBuf out, int value) {
        size(value);
        int rest = value;
        do {
            int digit = rest & 0x7F;
            rest >>>= 7;
            out.writeByte(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }

    /**
     * Reads a value starting at {@code index} without moving the reader index. Returns {@code value | (length << 32)},
     * {@link #INCOMPLETE} when the buffer ends first, or {@link #TOO_LONG} when the fourth byte says more follow.
     */
    static long peek(ByteBuf in, int index) {
        int value = 0;
        int end = in.writerIndex();
        for (int i = 0; i < 4; i++) {
            if (index + i >= end) {
                return INCOMPLETE;
            }
            int b = in.getUnsignedByte(index + i);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return ((long) (i + 1) << 32) | value;
            }
        }
        return TOO_LONG;
    }

    /** The value part of a successful {@link #peek}. */
    static int valueOf(long peeked) {
        return (int) peeked;
    }

    /** The length in bytes part of a successful {@link #peek}. */
    static int lengthOf(long peeked) {
        return (int) (peeked >>> 32);
    }
}
