package io.cicada.mqtt.packet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The application message bytes of a PUBLISH or a will, held once and shared by every recipient. Immutable by
 * contract: whoever creates one hands over the array and never writes to it again, and {@link #array()} readers never
 * write to it either. Thread-safe.
 */
public final class Payload {
    public static final Payload EMPTY = new Payload(new byte[0]);

    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps {@code bytes} without copying; the caller gives up the right to modify the array. */
    public static Payload wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Payload(bytes);
    }

    /** A payload holding a copy of {@code bytes}. */
    public static Payload copyOf(byte[] bytes) {
        return wrap(bytes.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Payload utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The shared backing array, for encoders and stores. Never modify it. */
    public byte[] array() {
        return bytes;
    }

    /** The bytes decoded as UTF-8 (invalid sequences replaced), for tests and tools, never for routing. */
    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Payload p && Arrays.equals(bytes, p.bytes));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Size only: payloads stay out of logs. */
    @Override
    public String toString() {
        return "Payload[" + bytes.length + " bytes]";
    }
}
