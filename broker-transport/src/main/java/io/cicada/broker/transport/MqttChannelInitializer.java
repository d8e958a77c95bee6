package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.transport.limit.ConnectionGate;
import io.cicada.broker.transport.tls.ListenerTls;
import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * Writes the one channel pipeline every MQTT connection has, for one listener: bytes → {@code MqttDecoder} →
 * {@link MqttChannelHandler} → core, and core → {@code MqttEncoder} → bytes. The pipeline is never changed after
 * this: protocol phases (before and after CONNECT) are states of the core's connection, not extra handlers. Shared
 * by the listener's accepted channels; runs on each new channel's event loop.
 */
@Sharable
final class MqttChannelInitializer extends ChannelInitializer<Channel> {

    private final String listenerName;
    private final int maxPacketSize;
    private final ConnectionAcceptor acceptor;
    private final ChannelGroup connections;
    private ListenerTls tls;
    private ConnectionGate gate;

    MqttChannelInitializer(
            String listenerName, int maxPacketSize, ConnectionAcceptor acceptor, ChannelGroup connections) {
        this.listenerName = listenerName;
        this.maxPacketSize = maxPacketSize;
        this.acceptor = acceptor;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        addConnectionGate(pipeline);
        addTls(channel, pipeline);
        pipeline.addLast("decoder", new MqttDecoder(maxPacketSize));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        addCertificateUsername(pipeline);
        pipeline.addLast("handler", new MqttChannelHandler(acceptor, listenerName));
    }

    /** Makes this a TLS listener; called before the listener binds. */
    MqttChannelInitializer withTls(ListenerTls listenerTls) {
        this.tls = listenerTls;
        return this;
    }

    /** Caps the listener's and the broker's open connections; called before the listener binds. */
    MqttChannelInitializer withConnectionGate(ConnectionGate connectionGate) {
        this.gate = connectionGate;
        return this;
    }

    /** First of all: a connection over the limit is closed before any TLS or MQTT work. */
    private void addConnectionGate(ChannelPipeline pipeline) {
        if (gate != null) {
            pipeline.addLast("connection-gate", gate);
        }
    }

    /** TLS first: bytes → "tls" (decrypt) → "tls-failure" → decoder. */
    private void addTls(Channel channel, ChannelPipeline pipeline) {
        if (tls != null) {
            tls.addTo(channel, pipeline);
        }
    }

    /** After the decoder: a CONNECT's user name replaced by the client certificate's identity, when configured. */
    private void addCertificateUsername(ChannelPipeline pipeline) {
        if (tls != null) {
            tls.addCertificateUsernameTo(pipeline);
        }
    }
}
