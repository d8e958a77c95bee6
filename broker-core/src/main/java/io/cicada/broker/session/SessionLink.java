package io.cicada.broker.session;

import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;

/**
 * The connection a {@link Session} is attached to, as the session sees it: implemented by the core's connection.
 * Called only on the session's owner executor, which is then the connection's event loop.
 */
public interface SessionLink {

    /** The protocol version, which decides the properties a PUBLISH carries. */
    MqttVersion version();

    /** The client's Receive Maximum (65535 when it sent none, and for MQTT 3.x). */
    int receiveMaximum();

    /** The client's MQTT 5 Maximum Packet Size, or {@link Long#MAX_VALUE} when it set none. */
    long maximumPacketSize();

    /** Queues a packet; it is written at the next {@link #flush()}. */
    void send(MqttPacket packet);

    void flush();

    /** False while the socket's outbound buffer is above its high-water mark: messages then wait in the queue. */
    boolean isWritable();

    /**
     * Another connection took the session over [MQTT-3.1.4-3]: the link tells its client (MQTT 5 DISCONNECT 0x8E),
     * closes, and stops using the session, which is detached from it when this returns.
     */
    void takenOver();

    /**
     * The PUBLISH as it goes out on this connection: with an MQTT 5 Topic Alias the connection assigned, if any. Called
     * once per PUBLISH sent, after the size check, right before {@link #send}.
     */
    default Publish withTopicAlias(Publish publish) {
        return publish;
    }

    /** Runs {@code task} on this connection's event loop after {@code delayMillis}; dropped if the connection closed. */
    void schedule(Runnable task, long delayMillis);

    /**
     * The client stayed congested past the slow-consumer timeout and the policy is {@code disconnect}: the link closes
     * (MQTT 5 DISCONNECT 0x97 Quota exceeded) and hands the session back as offline.
     */
    void slowConsumer();
}
