package io.cicada.broker.transport;

import io.cicada.broker.connection.Outbound;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Publish;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The core's view of one Netty channel: packets written through the channel's pipeline (encoded by {@code
 * MqttEncoder}), the channel's event loop as the connection's executor and timer. Counts the PUBLISH packets it sends
 * in its listener's {@link ListenerTraffic}. Immutable apart from the channel and the mask of read-pause reasons,
 * which only the event loop touches; every other method may be called from any thread (Netty hands writes from other
 * threads to the event loop).
 */
public final class ChannelOutbound implements Outbound {

    /** How long {@link #close()} waits for queued bytes to drain to a client that does not read. */
    static final long CLOSE_DRAIN_SECONDS = 10;

    /**
     * The MQTT 5 reason code the broker closed the channel for, when it gave one: the WebSocket codec turns it into
     * the Close frame's status.
     */
    static final AttributeKey<Integer> CLOSE_REASON = AttributeKey.valueOf("cicada.closeReason");

    private final Channel channel;
    private final String listenerName;
    private final String remoteAddress;
    private final ListenerTraffic traffic;
    private int readPauses;

    ChannelOutbound(Channel channel, String listenerName) {
        this(channel, listenerName, format(channel.remoteAddress()), new ListenerTraffic(listenerName));
    }

    /**
     * With the real client's address when a PROXY header or a trusted proxy named it, and the listener's traffic
     * counters.
     */
    ChannelOutbound(Channel channel, String listenerName, String remoteAddress, ListenerTraffic traffic) {
        this.channel = channel;
        this.listenerName = listenerName;
        this.remoteAddress = remoteAddress;
        this.traffic = traffic;
    }

    @Override
    public void send(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            traffic.sent(publish.payload().size());
        }
        channel.write(packet, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    /** Flushes what is queued, then closes once it is written (or after {@value #CLOSE_DRAIN_SECONDS} s). */
    @Override
    public void close() {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        ChannelFuture written = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (written.isDone()) {
            channel.close();
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_DRAIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** {@link #close()}, telling a WebSocket client why with the Close frame's status. */
    @Override
    public void close(int reasonCode) {
        channel.attr(CLOSE_REASON).setIfAbsent(reasonCode);
        close();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void pauseReading(ReadPause reason) {
        if (readPauses == 0) {
            channel.config().setAutoRead(false);
        }
        readPauses |= reason.bit();
    }

    @Override
    public void resumeReading(ReadPause reason) {
        if (readPauses == 0) {
            return;
        }
        readPauses &= ~reason.bit();
        if (readPauses == 0) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public boolean isReadingPaused() {
        return readPauses != 0;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> future = channel.eventLoop().schedule(task, delay, unit);
        return () -> future.cancel(false);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String listenerName() {
        return listenerName;
    }

    @Override
    public String toString() {
        return "ChannelOutbound[" + remoteAddress + " via " + listenerName + "]";
    }

    private static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            return TransportServer.hostPort(host, inet.getPort());
        }
        return String.valueOf(address);
    }
}
