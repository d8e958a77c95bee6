package io.cicada.broker.auth;

import io.cicada.mqtt.packet.MqttVersion;

/**
 * What a client presents at CONNECT for authentication. Immutable; {@code password} is never logged.
 *
 * @param username null when the CONNECT has none
 * @param password null when the CONNECT has none
 */
public record ConnectCredentials(
        String clientId,
        String username,
        byte[] password,
        String remoteAddress,
        String listenerName,
        MqttVersion version) {

    @Override
    public String toString() {
        return "ConnectCredentials[clientId=" + clientId + ", username=" + username + ", remoteAddress=" + remoteAddress
                + ", listener=" + listenerName + ", version=" + version + "]";
    }
}
