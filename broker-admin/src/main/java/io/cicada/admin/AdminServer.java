package io.cicada.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cicada.broker.BrokerCore;
import io.cicada.broker.transport.TransportServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener: binds {@link AdminSettings#host()}:{@link AdminSettings#port()} on one event loop of its
 * own (so that a slow scrape never delays MQTT traffic) and serves {@link AdminApi} and the metrics. Lifecycle
 * methods are synchronized and called by the composition root; {@link #port()} from any thread.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** Largest request body accepted (a publish payload in JSON). */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final AdminSettings settings;
    private final BrokerCore core;
    private final TransportServer transport;
    private EventLoopGroup group;
    private Channel listening;
    private volatile int port;

    public AdminServer(AdminSettings settings, BrokerCore core, TransportServer transport) {
        this.settings = settings;
        this.core = core;
        this.transport = transport;
    }

    /**
     * Binds the listener.
     *
     * @throws IllegalStateException with a one-line message when the address cannot be bound
     */
    public synchronized AdminServer start() {
        ObjectMapper json = new ObjectMapper();
        AdminApi api = new AdminApi(core, transport, new BrokerMetrics(core, transport), json, openApi());
        AdminAuth auth = new AdminAuth(settings);
        group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("cicada-admin", true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("api", new AdminHttpHandler(auth, api, json));
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            throw new IllegalStateException(
                    "cannot listen for the admin API on " + settings.host() + ":" + settings.port() + ": "
                            + bound.cause().getMessage(),
                    bound.cause());
        }
        listening = bound.channel();
        port = ((InetSocketAddress) listening.localAddress()).getPort();
        log.info("admin API and metrics on http://{}:{}/", settings.host(), port);
        return this;
    }

    /** The bound port (the real one when configured as 0). */
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (listening != null) {
            listening.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            listening = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            group = null;
        }
    }

    private static String openApi() {
        try (InputStream in = AdminServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the admin module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
