package io.cicada.broker.persistence;

import io.cicada.mqtt.packet.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bytes of the small stored values: a session's header and one subscription. Stateless. */
final class RecordCodec {
    private RecordCodec() {}

    /** A stored session's header. */
    record SessionRecord(String clientId, long expirySeconds, long offlineSinceMillis) {}

    static byte[] session(String clientId, long expirySeconds, long offlineSinceMillis) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + id.length + 16)
                .putInt(id.length)
                .put(id)
                .putLong(expirySeconds)
                .putLong(offlineSinceMillis)
                .array();
    }

    static SessionRecord session(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int length = in.getInt();
        String clientId = new String(bytes, 4, length, StandardCharsets.UTF_8);
        in.position(4 + length);
        return new SessionRecord(clientId, in.getLong(), in.getLong());
    }

    static byte[] subscription(Subscription options, int subscriptionIdentifier) {
        return ByteBuffer.allocate(8)
                .put((byte) options.qos())
                .put((byte) (options.noLocal() ? 1 : 0))
                .put((byte) (options.retainAsPublished() ? 1 : 0))
                .put((byte) options.retainHandling())
                .putInt(subscriptionIdentifier)
                .array();
    }

    static Subscription subscriptionOptions(String filter, byte[] bytes) {
        return new Subscription(filter, bytes[0], bytes[1] != 0, bytes[2] != 0, bytes[3]);
    }

    static int subscriptionIdentifier(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt(4);
    }

    /** A stored will waiting for its delay; the message is decoded by {@link MessageCodec}. */
    record WillRecord(long dueMillis, String username, byte[] message) {}

    static byte[] will(long dueMillis, String username, byte[] message) {
        byte[] user = username == null ? new byte[0] : username.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 4 + user.length + message.length)
                .putLong(dueMillis)
                .putInt(username == null ? -1 : user.length)
                .put(user)
                .put(message)
                .array();
    }

    static WillRecord will(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long due = in.getLong();
        int length = in.getInt();
        String username = length < 0 ? null : new String(bytes, 12, length, StandardCharsets.UTF_8);
        int start = 12 + Math.max(0, length);
        byte[] message = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return new WillRecord(due, username, message);
    }
}
