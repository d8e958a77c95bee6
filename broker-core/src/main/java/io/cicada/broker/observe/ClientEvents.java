package io.cicada.broker.observe;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Publishes a client's connect and disconnect as QoS 0, non-retained messages on {@code
 * $SYS/broker/clients/<clientId>/connected} and {@code .../disconnected}, with a small JSON payload, when enabled
 * ({@code sys_client_events}), and tells the {@link BrokerListeners} of connects, disconnects and publishes.
 * Thread-safe: called on the client's event loop, publishes through the router like an in-process publisher.
 */
public final class ClientEvents {

    private final boolean enabled;
    private final Consumer<Message> publisher;
    private final Clock clock;
    private final BrokerListeners listeners;

    public ClientEvents(boolean enabled, Consumer<Message> publisher, Clock clock) {
        this(enabled, publisher, clock, BrokerListeners.none());
    }

    public ClientEvents(boolean enabled, Consumer<Message> publisher, Clock clock, BrokerListeners listeners) {
        this.enabled = enabled;
        this.publisher = publisher;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Events that go nowhere. */
    public static ClientEvents disabled() {
        return new ClientEvents(false, message -> {}, Clock.systemUTC());
    }

    /** A client completed CONNECT. */
    public void connected(String clientId, String address, String listener, String protocolVersion, String username) {
        listeners.connected(clientId, username, address, listener, protocolVersion);
        if (enabled) {
            publish(
                    clientId,
                    "connected",
                    "{\"clientId\":" + quote(clientId) + ",\"address\":" + quote(address) + ",\"listener\":"
                            + quote(listener) + ",\"protocolVersion\":" + quote(protocolVersion) + ",\"username\":"
                            + quote(username) + ",\"timestamp\":" + clock.millis() + "}");
        }
    }

    /** A connected client left, for {@code reason}; the other fields are those of its CONNECT, for the listeners. */
    public void disconnected(
            String clientId, String reason, String username, String address, String listener, String protocolVersion) {
        listeners.disconnected(clientId, username, address, listener, protocolVersion, reason);
        disconnected(clientId, reason);
    }

    /** A client's PUBLISH was routed; for the listeners only (nothing is allocated when there are none). */
    public void published(String clientId, String username, String topic, int qos, boolean retain, int payloadSize) {
        if (listeners.active()) {
            listeners.published(clientId, username, topic, qos, retain, payloadSize);
        }
    }

    /** A connected client left, for {@code reason}. */
    public void disconnected(String clientId, String reason) {
        if (enabled) {
            publish(
                    clientId,
                    "disconnected",
                    "{\"clientId\":" + quote(clientId) + ",\"reason\":" + quote(reason) + ",\"timestamp\":"
                            + clock.millis() + "}");
        }
    }

    private void publish(String clientId, String event, String json) {
        // A client id may hold characters a topic level cannot: wildcards and '/' become '_'.
        String level = clientId.isEmpty() ? "_" : clientId.replaceAll("[+#/]", "_");
        publisher.accept(new Message(
                "$SYS/broker/clients/" + level + "/" + event,
                0,
                false,
                Payload.utf8(json),
                Properties.EMPTY,
                null,
                clock.millis()));
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
