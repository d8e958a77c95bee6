package io.cicada.broker.transport.limit;

import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.TokenBucket;
import io.cicada.broker.observe.BrokerStats;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its listener accepts connections faster than its {@link ConnectRate}, before
 * any TLS handshake, PROXY header or MQTT work is spent on it: a token bucket per listener refilled at the rate, up to
 * the burst. One per listener, shared by its channels on every event loop; the bucket is guarded by this gate's lock
 * (taken once per new connection, never per packet).
 */
@Sharable
public final class ConnectRateGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectRateGate.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final String listenerName;
    private final ConnectRate rate;
    private final BrokerStats stats;
    private final TokenBucket bucket;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    /**
     * @param rate a limited rate ({@link ConnectRate#limited()})
     * @param stats where refusals are counted ({@link Limit#CONNECT_RATE}), or null
     */
    public ConnectRateGate(String listenerName, ConnectRate rate, BrokerStats stats) {
        if (!rate.limited()) {
            throw new IllegalArgumentException("no connect rate for listener " + listenerName);
        }
        this.listenerName = listenerName;
        this.rate = rate;
        this.stats = stats;
        this.bucket = new TokenBucket(rate.perSecond(), rate.effectiveBurst(), nowMillis());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (admit()) {
            ctx.fireChannelActive();
            return;
        }
        long count = refused.incrementAndGet();
        if (stats != null) {
            stats.limitHit(Limit.CONNECT_RATE);
        }
        logRefusal(count);
        ctx.close();
    }

    /** Connections refused by this gate since start. */
    public long refused() {
        return refused.get();
    }

    private boolean admit() {
        long now = nowMillis();
        synchronized (bucket) {
            if (!bucket.has(1, now)) {
                return false;
            }
            bucket.take(1, now);
            return true;
        }
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private void logRefusal(long count) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            log.warn(
                    "listener '{}' refuses new connections: more than {} a second (burst {}; {} refused so far)",
                    listenerName,
                    rate.perSecond(),
                    rate.effectiveBurst(),
                    count);
        }
    }
}
