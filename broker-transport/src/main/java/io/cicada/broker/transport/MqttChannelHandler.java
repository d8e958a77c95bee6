package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.connection.Inbound;
import io.cicada.mqtt.packet.MqttPacket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one channel to the core: asks the {@link ConnectionAcceptor} for the connection's {@link Inbound} when the
 * channel becomes active and forwards every channel event to it (packets, end of read cycle, writability, close).
 * One instance per channel; touched only by the channel's event loop.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MqttChannelHandler.class);

    private final ConnectionAcceptor acceptor;
    private final String listenerName;
    private ChannelOutbound outbound;
    private Inbound inbound;
    private boolean closed;

    MqttChannelHandler(ConnectionAcceptor acceptor, String listenerName) {
        this.acceptor = acceptor;
        this.listenerName = listenerName;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        outbound = new ChannelOutbound(ctx.channel(), listenerName);
        inbound = acceptor.accept(outbound);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (inbound != null && !closed && msg instanceof MqttPacket packet) {
            inbound.receive(packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inbound != null && !closed) {
            inbound.readComplete();
        }
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (inbound != null && !closed) {
            inbound.writabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inbound != null && !closed) {
            closed = true;
            inbound.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String remote = outbound == null ? String.valueOf(ctx.channel().remoteAddress()) : outbound.remoteAddress();
        if (cause instanceof IOException) {
            // Resets and broken pipes are how many clients leave.
            log.debug("connection from {} via {}: {}", remote, listenerName, cause.toString());
        } else {
            log.warn("connection from {} via {} failed, closing it", remote, listenerName, cause);
        }
        ctx.close();
    }
}
