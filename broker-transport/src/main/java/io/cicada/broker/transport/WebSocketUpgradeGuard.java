package io.cicada.broker.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the HTTP upgrade request of a WebSocket listener before the handshake: the path must be the listener's
 * (404 otherwise), the {@code Origin} must be allowed (403 otherwise), and when the peer is a trusted proxy the real
 * client is taken from {@code X-Forwarded-For}: the right-most address that is not itself a trusted proxy. From any
 * other peer the header is ignored, so clients cannot forge their address. Everything after the upgrade request
 * passes through untouched. One instance per channel; runs on the channel's event loop.
 */
final class WebSocketUpgradeGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeGuard.class);

    private final WebSocketSettings settings;

    WebSocketUpgradeGuard(WebSocketSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!settings.path().equals(path)) {
            refuse(ctx, request, HttpResponseStatus.NOT_FOUND, "no MQTT WebSocket endpoint at " + path);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!settings.allowsOrigin(origin)) {
            log.info("refused a WebSocket from {}: origin {} is not allowed", ClientAddress.of(ctx.channel()), origin);
            refuse(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed");
            return;
        }
        String forwarded = request.headers().get("X-Forwarded-For");
        if (forwarded != null && settings.trustedProxies().contains(ClientAddress.host(ctx.channel()))) {
            String client = forwardedClient(forwarded, settings.trustedProxies());
            if (client != null) {
                ctx.channel().attr(ClientAddress.KEY).set(new ClientAddress.Known(client, -1));
            }
        }
        ctx.fireChannelRead(request);
    }

    /** The right-most address in an {@code X-Forwarded-For} list that is not a trusted proxy, or null. */
    static String forwardedClient(String header, List<String> trustedProxies) {
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return null;
    }

    private static void refuse(
            ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String reason) {
        request.release();
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
