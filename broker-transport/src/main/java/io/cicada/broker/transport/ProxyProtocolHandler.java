package io.cicada.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the real client's address from the PROXY protocol header (v1 text or v2 binary, decoded by Netty's {@code
 * HAProxyMessageDecoder} in front of it) and records it as the channel's {@link ClientAddress}. A {@code LOCAL}
 * command (a load balancer's health check) keeps the socket's address. On plain TCP listeners it then tells the
 * pipeline the channel is ready; on WebSocket listeners the handshake does that. One instance per channel; runs on
 * the channel's event loop.
 */
final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    private final boolean firesReady;

    ProxyProtocolHandler(boolean firesReady) {
        this.firesReady = firesReady;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
                ClientAddress.Known client = new ClientAddress.Known(header.sourceAddress(), header.sourcePort());
                ctx.channel().attr(ClientAddress.KEY).set(client);
                log.debug("PROXY header from {}: client is {}", ctx.channel().remoteAddress(), client);
            }
        } finally {
            ReferenceCountUtil.release(header);
        }
        ctx.pipeline().remove(this);
        if (firesReady) {
            ctx.fireUserEventTriggered(ClientAddress.READY);
        }
    }
}
