package io.cicada.mqtt.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 Encoded Strings as MQTT defines them (§1.5.4): well-formed UTF-8 with no encoded surrogates
 * [MQTT-1.5.4-1] and no U+0000 [MQTT-1.5.4-2], at most 65,535 bytes. A byte order mark is kept, never skipped
 * [MQTT-1.5.4-3]. Stateless; any thread.
 */
public final class MqttStrings {
    /** The most bytes a UTF-8 Encoded String can carry (its length is a Two Byte Integer). */
    public static final int MAX_BYTES = 65_535;

    private MqttStrings() {}

    /**
     * True when {@code bytes[from..to)} is well-formed UTF-8 in the MQTT sense: shortest forms only, no surrogate
     * code points, nothing above U+10FFFF and no U+0000.
     */
    public static boolean isValid(byte[] bytes, int from, int to) {
        return isValid(Unpooled.wrappedBuffer(bytes), from, to);
    }

    /** As {@link #isValid(byte[], int, int)}, for the absolute indexes {@code [from..to)} of {@code bytes}. */
    static boolean isValid(ByteBuf bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes.getUnsignedByte(i);
            if (b < 0x80) {
                if (b == 0) {
                    return false; // [MQTT-1.5.4-2]
                }
                i++;
                continue;
            }
            int needed;
            int min;
            int cp;
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                min = 0x80;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                min = 0x800;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                min = 0x10000;
                cp = b & 0x07;
            } else {
                return false;
            }
            if (i + needed >= to) {
                return false; // truncated sequence
            }
            for (int k = 1; k <= needed; k++) {
                int c = bytes.getUnsignedByte(i + k);
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false; // overlong, out of range, or a surrogate [MQTT-1.5.4-1]
            }
            i += needed + 1;
        }
        return true;
    }

    /** True when {@code s} can be written as an MQTT string: no U+0000, no lone surrogate, at most 65,535 bytes. */
    public static boolean isEncodable(String s) {
        if (s.indexOf('\0') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return utf8Length(s) <= MAX_BYTES;
    }

    /** The number of bytes {@code s} takes in UTF-8, without the two-byte length prefix. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The number of bytes {@code s} takes on the wire, with its two-byte length prefix. */
    static int encodedSize(String s) {
        return 2 + utf8Length(s);
    }

    /** Writes the two-byte length and the UTF-8 bytes; throws IllegalArgumentException if {@code s} cannot be. */
    static void write(ByteBuf out, String s) {
        if (!isEncodable(s)) {
            throw new IllegalArgumentException("not an MQTT UTF-8 string (U+0000, lone surrogate or over 65535 bytes)");
        }
        out.writeShort(utf8Length(s));
        ByteBufUtil.writeUtf8(out, s);
    }

    /** Decodes {@code length} bytes at the reader index after checking them, and moves the reader index. */
    static String read(ByteBuf in, int length, String what) {
        int start = in.readerIndex();
        int end = start + length;
        if (!isValid(in, start, end)) {
            throw in.indexOf(start, end, (byte) 0) >= 0
                    ? PacketViolation.malformed(what + " contains U+0000", "MQTT-1.5.4-2")
                    : PacketViolation.malformed(what + " is not well-formed UTF-8", "MQTT-1.5.4-1");
        }
        String value = in.toString(start, length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }
}
