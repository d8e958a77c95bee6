package io.cicada.broker.transport.limit;

import io.cicada.broker.limit.Limit;
import io.cicada.broker.observe.BrokerStats;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its listener or the broker already has as many as allowed, before any TLS
 * handshake or MQTT work is spent on it. One per listener, shared by its channels; the counters are atomics updated
 * on the channels' event loops, the broker-wide one shared by every listener's gate.
 */
@Sharable
public final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("cicada.connection.counted");
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final String listenerName;
    private final int listenerLimit;
    private final int totalLimit;
    private final AtomicInteger listenerCount = new AtomicInteger();
    private final AtomicInteger totalCount;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final BrokerStats stats;

    /**
     * @param totalCount the broker-wide counter, shared by every listener's gate
     */
    public ConnectionGate(String listenerName, ConnectionLimits limits, AtomicInteger totalCount) {
        this(listenerName, limits, totalCount, null);
    }

    /**
     * @param totalCount the broker-wide counter, shared by every listener's gate
     * @param stats where refusals are counted ({@link Limit#CONNECTIONS}), or null
     */
    public ConnectionGate(String listenerName, ConnectionLimits limits, AtomicInteger totalCount, BrokerStats stats) {
        this.listenerName = listenerName;
        this.listenerLimit = limits.perListener().getOrDefault(listenerName, 0);
        this.totalLimit = limits.total();
        this.totalCount = totalCount;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int listenerNow = listenerCount.incrementAndGet();
        int totalNow = totalCount.incrementAndGet();
        if ((listenerLimit > 0 && listenerNow > listenerLimit) || (totalLimit > 0 && totalNow > totalLimit)) {
            listenerCount.decrementAndGet();
            totalCount.decrementAndGet();
            long count = refused.incrementAndGet();
            if (stats != null) {
                stats.limitHit(Limit.CONNECTIONS);
            }
            logRefusal(count);
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            listenerCount.decrementAndGet();
            totalCount.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    /** Connections refused by this gate since start. */
    public long refused() {
        return refused.get();
    }

    private void logRefusal(long count) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            log.warn(
                    "listener '{}' refuses new connections: limit reached ({} on the listener, {} in all; {} refused"
                            + " so far)",
                    listenerName,
                    listenerLimit == 0 ? "no limit" : listenerLimit,
                    totalLimit == 0 ? "no limit" : totalLimit,
                    count);
        }
    }
}
