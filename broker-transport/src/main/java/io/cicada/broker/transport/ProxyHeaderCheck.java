package io.cicada.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection at once when its first byte cannot start a PROXY protocol header ({@code P} of v1 or
 * {@code \r} of the v2 signature), instead of letting the header decoder wait for a line end that an MQTT client
 * (connected directly, past the load balancer) never sends. Removes itself after the first byte. One instance per
 * channel; runs on the channel's event loop.
 */
final class ProxyHeaderCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderCheck.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            byte first = bytes.getByte(bytes.readerIndex());
            if (first != 'P' && first != '\r') {
                log.info("closing {}: it did not start with a PROXY protocol header", ctx.channel());
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
