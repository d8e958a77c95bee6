package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.transport.limit.ConnectRateGate;
import io.cicada.broker.transport.limit.ConnectionGate;
import io.cicada.broker.transport.tls.ListenerTls;
import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.AttributeKey;

/**
 * Writes the one channel pipeline every MQTT connection has, for one listener: bytes → {@code MqttDecoder} →
 * {@link MqttChannelHandler} → core, and core → {@code MqttEncoder} → bytes. The pipeline is never changed after
 * this: protocol phases (before and after CONNECT) are states of the core's connection, not extra handlers. Shared
 * by the listener's accepted channels; runs on each new channel's event loop.
 *
 * <p>In front of the MQTT handlers a listener may put a PROXY protocol decoder ({@link #addProxyProtocol}) and, on a
 * WebSocket listener, the HTTP upgrade and frame handlers ({@link #addWebSocket}); MQTT then starts when those
 * announce {@link ClientAddress#READY}.
 */
@Sharable
final class MqttChannelInitializer extends ChannelInitializer<Channel> {

    /** The name of the listener that accepted a channel (per-listener figures). */
    static final AttributeKey<String> LISTENER_NAME = AttributeKey.valueOf("cicada.listener");

    /** Largest HTTP upgrade request (headers) a WebSocket listener reads. */
    private static final int HTTP_REQUEST_LIMIT = 16 * 1024;

    /** How long a WebSocket client has to complete the upgrade. */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    /** How long a Close frame may take to be written before the socket closes without it. */
    static final long CLOSE_FRAME_TIMEOUT_MILLIS = 2_000;

    private final String listenerName;
    private final int maxPacketSize;
    private final ConnectionAcceptor acceptor;
    private final ChannelGroup connections;
    private final ListenerSettings listener;
    private final ListenerTraffic traffic;
    private ListenerTls tls;
    private ConnectionGate gate;
    private ConnectRateGate rateGate;

    MqttChannelInitializer(
            String listenerName, int maxPacketSize, ConnectionAcceptor acceptor, ChannelGroup connections) {
        this(ListenerSettings.tcp(listenerName, "127.0.0.1", 0), maxPacketSize, acceptor, connections);
    }

    MqttChannelInitializer(
            ListenerSettings listener, int maxPacketSize, ConnectionAcceptor acceptor, ChannelGroup connections) {
        this(listener, new ListenerTraffic(listener.name()), maxPacketSize, acceptor, connections);
    }

    /** With the listener's traffic counters, which every accepted channel gets (no lookup per connection). */
    MqttChannelInitializer(
            ListenerSettings listener,
            ListenerTraffic traffic,
            int maxPacketSize,
            ConnectionAcceptor acceptor,
            ChannelGroup connections) {
        this.listenerName = listener.name();
        this.traffic = traffic;
        this.maxPacketSize = maxPacketSize;
        this.acceptor = acceptor;
        this.connections = connections;
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        channel.attr(LISTENER_NAME).set(listenerName);
        ChannelPipeline pipeline = channel.pipeline();
        addConnectRateGate(pipeline);
        addConnectionGate(pipeline);
        addProxyProtocol(pipeline);
        addTls(channel, pipeline);
        addWebSocket(pipeline);
        pipeline.addLast("decoder", new MqttDecoder(maxPacketSize));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        addCertificateUsername(pipeline);
        pipeline.addLast("handler", new MqttChannelHandler(acceptor, traffic, awaitsReady()));
    }

    /** Whether MQTT waits for a PROXY header or a WebSocket handshake before the connection reaches the core. */
    private boolean awaitsReady() {
        return listener.proxyProtocol() || listener.isWebSocket();
    }

    /** PROXY protocol v1 and v2 (auto-detected) when the listener expects it. */
    private void addProxyProtocol(ChannelPipeline pipeline) {
        if (listener.proxyProtocol()) {
            pipeline.addLast("proxy-check", new ProxyHeaderCheck());
            pipeline.addLast("proxy-decoder", new HAProxyMessageDecoder());
            pipeline.addLast("proxy-address", new ProxyProtocolHandler(!listener.isWebSocket()));
        }
    }

    /** HTTP upgrade checks, the WebSocket handshake (subprotocols {@code mqtt}, {@code mqttv3.1}), frames ⇄ bytes. */
    private void addWebSocket(ChannelPipeline pipeline) {
        if (!listener.isWebSocket()) {
            return;
        }
        WebSocketSettings ws = listener.webSocket();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(HTTP_REQUEST_LIMIT));
        pipeline.addLast("ws-guard", new WebSocketUpgradeGuard(ws));
        if (ws.compression()) {
            pipeline.addLast("ws-deflate", new WebSocketServerCompressionHandler(maxPacketSize));
        }
        pipeline.addLast(
                "ws",
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(ws.path())
                        .subprotocols("mqtt,mqttv3.1")
                        .allowExtensions(ws.compression())
                        .maxFramePayloadLength(maxPacketSize)
                        .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                        .forceCloseTimeoutMillis(CLOSE_FRAME_TIMEOUT_MILLIS)
                        .build()));
        pipeline.addLast("ws-frames", new WebSocketFrameCodec());
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

    /** Caps how fast the listener accepts new connections; called before the listener binds. */
    MqttChannelInitializer withConnectRateGate(ConnectRateGate connectRateGate) {
        this.rateGate = connectRateGate;
        return this;
    }

    /** Before everything else, even the connection count: a connection over the rate is closed at once. */
    private void addConnectRateGate(ChannelPipeline pipeline) {
        if (rateGate != null) {
            pipeline.addLast("connect-rate-gate", rateGate);
        }
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
