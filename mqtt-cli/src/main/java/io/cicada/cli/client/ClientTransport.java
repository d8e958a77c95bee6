package io.cicada.cli.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops the tools' connections run on: native epoll on Linux, NIO elsewhere. Owned by one command, which
 * closes it when done; thread-safe.
 */
public final class ClientTransport implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    private ClientTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** A transport with {@code threads} event loops (0: Netty's default, two per core). */
    public static ClientTransport start(int threads) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                threads,
                new DefaultThreadFactory("cicada-client", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new ClientTransport(group, epoll);
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends Channel> channelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** {@code epoll} or {@code nio}. */
    public String name() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
