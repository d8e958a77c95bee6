package io.cicada.broker.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of the column families. Every per-session key starts with the session's 8-byte store id, so one
 * session's queue (ordered by its 8-byte sequence number), subscriptions and inbound packet ids are each one range
 * scan, and removing a session is one range delete per family. Big-endian, so byte order is numeric order. Stateless.
 *
 * <pre>
 * sessions       id                 → client id, expiry interval, offline since
 * subscriptions  id + filter (UTF-8) → options, subscription identifier
 * queue          id + seq           → message id, QoS, retain, packet id, released, subscription identifiers
 * inbound        id + packet id (2)  → (empty): inbound QoS 2 awaiting PUBREL
 * messages       message id          → the message, stored once for every queue that holds it
 * retained       topic (UTF-8)       → the message
 * wills          id                 → a will waiting for its delay: due time, user name, the message
 * </pre>
 */
final class StoreKeys {
    private StoreKeys() {}

    static byte[] id(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }

    static byte[] queue(long sessionId, long seq) {
        return ByteBuffer.allocate(16).putLong(sessionId).putLong(seq).array();
    }

    static byte[] inbound(long sessionId, int packetId) {
        return ByteBuffer.allocate(10)
                .putLong(sessionId)
                .putShort((short) packetId)
                .array();
    }

    static byte[] subscription(long sessionId, String filter) {
        byte[] text = filter.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putLong(sessionId).put(text).array();
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static long sessionOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static long seqOf(byte[] queueKey) {
        return ByteBuffer.wrap(queueKey).getLong(8);
    }

    static int packetIdOf(byte[] inboundKey) {
        return ByteBuffer.wrap(inboundKey).getShort(8) & 0xFFFF;
    }

    static String filterOf(byte[] subscriptionKey) {
        return new String(subscriptionKey, 8, subscriptionKey.length - 8, StandardCharsets.UTF_8);
    }
}
