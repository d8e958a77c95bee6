package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.connection.Inbound;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one channel to the core: asks the {@link ConnectionAcceptor} for the connection's {@link Inbound} when the
 * channel becomes active and forwards every channel event to it (packets, end of read cycle, writability, close).
 * Counts the PUBLISH packets it forwards in the listener's {@link ListenerTraffic}. One instance per channel; touched
 * only by the channel's event loop.
 *
 * <p>Behind a PROXY header or a WebSocket upgrade the connection reaches the core only when those announce {@link
 * ClientAddress#READY}, so that the core sees the real client's address; a channel that is not ready in time closes.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MqttChannelHandler.class);

    /** How long a channel may take to become ready (PROXY header, WebSocket handshake). */
    static final long READY_TIMEOUT_SECONDS = 15;

    private final ConnectionAcceptor acceptor;
    private final String listenerName;
    private final ListenerTraffic traffic;
    private ChannelOutbound outbound;
    private Inbound inbound;
    private boolean closed;
    private final boolean awaitsReady;

    MqttChannelHandler(ConnectionAcceptor acceptor, String listenerName) {
        this(acceptor, listenerName, false);
    }

    MqttChannelHandler(ConnectionAcceptor acceptor, String listenerName, boolean awaitsReady) {
        this(acceptor, new ListenerTraffic(listenerName), awaitsReady);
    }

    MqttChannelHandler(ConnectionAcceptor acceptor, ListenerTraffic traffic, boolean awaitsReady) {
        this.acceptor = acceptor;
        this.listenerName = traffic.listenerName();
        this.traffic = traffic;
        this.awaitsReady = awaitsReady;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (awaitsReady) {
            ctx.executor().schedule(() -> closeUnlessReady(ctx), READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } else {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ClientAddress.READY) {
            if (inbound == null && !closed && ctx.channel().isActive()) {
                start(ctx);
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void start(ChannelHandlerContext ctx) {
        outbound = new ChannelOutbound(ctx.channel(), listenerName, ClientAddress.of(ctx.channel()), traffic);
        inbound = acceptor.accept(outbound);
    }

    private void closeUnlessReady(ChannelHandlerContext ctx) {
        if (inbound == null) {
            log.debug("{} via {} sent no PROXY header or WebSocket upgrade in time", ctx.channel(), listenerName);
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (inbound != null && !closed && msg instanceof MqttPacket packet) {
            if (packet instanceof Publish publish) {
                traffic.received(publish.payload().size());
            }
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
            ctx.channel().attr(ChannelOutbound.CLOSE_REASON).setIfAbsent(ReasonCode.UNSPECIFIED_ERROR);
        }
        ctx.close();
    }
}
