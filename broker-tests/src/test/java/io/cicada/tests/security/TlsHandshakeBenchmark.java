package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.broker.transport.tls.TlsSettings.TlsProvider;
import io.cicada.server.Broker;
import io.cicada.testkit.TestPki;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full TLS 1.3 handshakes per second against a TLS listener (EC P-256 certificate), with the JDK SSLEngine and with
 * BoringSSL on the server side; the client is Netty with BoringSSL and no session resumption, 16 handshakes in flight.
 * Not in the default build: {@code mvn -o -pl broker-tests -am verify -Ptls-bench -Dtest=TlsHandshakeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class TlsHandshakeBenchmark {

    private static final int IN_FLIGHT = 16;
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    void handshakesPerSecondWithTheJdkAndWithBoringSsl() throws Exception {
        TestPki pki = TestPki.create(dir, "Bench CA");
        TestPki.Issued server = pki.issueServer("server");
        SslContext client = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(pki.caFile().toFile())
                .protocols("TLSv1.3")
                .endpointIdentificationAlgorithm(null) // the certificate's SAN is checked by the other TLS tests
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            for (TlsProvider provider : List.of(TlsProvider.JDK, TlsProvider.OPENSSL)) {
                TlsSettings tls =
                        TlsSettings.pem(server.certFile(), server.keyFile()).withProvider(provider);
                try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
                    run(group, client, broker.port(), WARM_UP_MILLIS);
                    double rate = run(group, client, broker.port(), MEASURE_MILLIS) * 1000.0 / MEASURE_MILLIS;
                    System.out.printf("TLS 1.3 handshakes/s, server %s: %.0f%n", provider, rate);
                    assertThat(rate).isPositive();
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static long run(EventLoopGroup group, SslContext client, int port, long millis) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = client.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl);
                        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // counted by the handshake future
                            }
                        });
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                done.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            ch.close();
                        });
                        ch.closeFuture().addListener(f -> slots.release());
                    }
                });
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long start = done.get();
        while (System.nanoTime() < end) {
            if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                bootstrap.connect("127.0.0.1", port).addListener(f -> {
                    if (!f.isSuccess()) {
                        if (failed.incrementAndGet() <= 2) {
                            System.err.println("first failed connect: " + f.cause());
                        }
                        slots.release();
                    }
                });
            }
        }
        long count = done.get() - start;
        slots.acquire(IN_FLIGHT);
        System.out.printf("%d handshakes, %d failures in %d ms%n", count, failed.get(), millis);
        assertThat(failed.get()).isLessThan(Math.max(10, count / 100));
        return count;
    }
}
