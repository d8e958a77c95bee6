package io.cicada.mqtt.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT (MQTT 3.1.1 §3.1, MQTT 5 §3.1). {@code cleanStart} is the Clean Session flag in 3.1 / 3.1.1.
 *
 * @param username null when the User Name flag is 0
 * @param password null when the Password flag is 0; binary data, never logged
 * @param will null when the Will flag is 0
 * @param properties CONNECT properties (MQTT 5; {@link Properties#EMPTY} otherwise)
 */
public record Connect(
        MqttVersion version,
        String clientId,
        boolean cleanStart,
        int keepAliveSeconds,
        String username,
        byte[] password,
        Will will,
        Properties properties)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect c
                && version == c.version
                && cleanStart == c.cleanStart
                && keepAliveSeconds == c.keepAliveSeconds
                && Objects.equals(clientId, c.clientId)
                && Objects.equals(username, c.username)
                && Arrays.equals(password, c.password)
                && Objects.equals(will, c.will)
                && Objects.equals(properties, c.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanStart, keepAliveSeconds, username, Arrays.hashCode(password), will);
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "Connect[version=" + version + ", clientId=" + clientId + ", cleanStart=" + cleanStart
                + ", keepAlive=" + keepAliveSeconds + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", will=" + will
                + ", properties=" + properties + "]";
    }
}
