package io.cicada.broker.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event loop groups of one transport: a one-thread boss group that accepts sockets and a worker group with one
 * loop per core that owns the connections, both on the same I/O transport (epoll or NIO). Created and shut down by
 * {@link TransportServer} under its lock.
 */
final class EventLoops {

    private final TransportKind kind;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    private EventLoops(TransportKind kind, EventLoopGroup boss, EventLoopGroup workers) {
        this.kind = kind;
        this.boss = boss;
        this.workers = workers;
    }

    /** Starts the groups for a resolved kind ({@link TransportKind#EPOLL} or {@link TransportKind#NIO}). */
    static EventLoops start(TransportKind kind, int workerThreads) {
        return new EventLoops(
                kind,
                new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cicada-accept", true), ioHandler(kind)),
                new MultiThreadIoEventLoopGroup(
                        workerThreads, new DefaultThreadFactory("cicada-io", true), ioHandler(kind)));
    }

    private static IoHandlerFactory ioHandler(TransportKind kind) {
        return kind == TransportKind.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    TransportKind kind() {
        return kind;
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return kind == TransportKind.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Shuts both groups down and waits at most {@code timeout} for their threads to end. */
    void shutdown(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        boss.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        boss.terminationFuture().awaitUninterruptibly(millis);
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        workers.terminationFuture().awaitUninterruptibly(left);
    }
}
