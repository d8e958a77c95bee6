package io.cicada.cli.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * MQTT over WebSocket for the tools (§6): the HTTP upgrade with the {@code mqtt} subprotocol, then every MQTT byte in
 * binary frames. Incoming binary and continuation frames become plain bytes for the MQTT decoder, which reads them as
 * one stream (a frame is not a packet boundary); every encoded packet leaves as one binary frame. A text frame is a
 * protocol error [MQTT-6.0.0-1]. One instance per channel, used on its event loop.
 */
final class WebSocketTunnel extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    /** Adds the HTTP client, the WebSocket handshake and the frame codec to {@code pipeline}, in that order. */
    static void addTo(ChannelPipeline pipeline, Endpoint endpoint, int maxPacketSize) {
        String scheme = endpoint.ssl() == null ? "ws" : "wss";
        String path =
                endpoint.webSocketPath().startsWith("/") ? endpoint.webSocketPath() : "/" + endpoint.webSocketPath();
        URI uri = URI.create(scheme + "://" + endpoint.host() + ":" + endpoint.port() + path);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .subprotocol("mqtt")
                .maxFramePayloadLength(maxPacketSize)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .dropPongFrames(true)
                .build();
        pipeline.addLast("http", new HttpClientCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(65_536));
        pipeline.addLast("websocket", new WebSocketClientProtocolHandler(config));
        pipeline.addLast("websocket-frames", new WebSocketTunnel());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf packet, List<Object> out) {
        out.add(new BinaryWebSocketFrame(packet.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws IOException {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else if (frame instanceof TextWebSocketFrame) {
            throw new IOException("the broker sent a WebSocket text frame; MQTT uses binary frames only");
        }
    }
}
