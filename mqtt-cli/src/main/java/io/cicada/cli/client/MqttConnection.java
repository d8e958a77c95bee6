package io.cicada.cli.client;

import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to an MQTT broker over our own codec: connects, answers the broker's QoS 1/2 handshakes,
 * completes the client's own publishes and subscriptions, and pings to keep the connection alive. Every field is
 * touched only on the channel's event loop; the public methods may be called from any thread and hop onto it.
 *
 * <p>A note on acknowledgements. {@link #publish} completes for QoS 0 once the bytes are written, for QoS 1 at the
 * PUBACK and for QoS 2 at the PUBCOMP (after this class answered the PUBREC with a PUBREL). An acknowledgement with a
 * reason code of 0x80 or above completes the future with a {@link MqttRefusedException}.
 */
public final class MqttConnection {
    /** The largest packet the tools accept from a broker: MQTT's own limit. */
    public static final int MAX_PACKET_SIZE = 268_435_460;

    private final Channel channel;
    private final MqttVersion version;
    private final PacketListener listener;
    private final CompletableFuture<ConnAck> connAck = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<Void>> pendingPublishes = new HashMap<>();
    private final Map<Integer, CompletableFuture<SubAck>> pendingSubscribes = new HashMap<>();
    private final Map<Integer, CompletableFuture<UnsubAck>> pendingUnsubscribes = new HashMap<>();
    private int nextPacketId = 1;
    private volatile Throwable failure;

    private MqttConnection(Channel channel, MqttVersion version, PacketListener listener) {
        this.channel = channel;
        this.version = version;
        this.listener = listener;
    }

    /**
     * Opens the connection, sends {@code connect} and completes with the connection once the broker accepted it. A
     * refusing CONNACK completes exceptionally with {@link MqttRefusedException}; a socket error with the
     * {@link IOException} (or Netty's subclass) that caused it.
     */
    public static CompletableFuture<MqttConnection> open(
            ClientTransport transport, Endpoint endpoint, Connect connect, PacketListener listener) {
        CompletableFuture<MqttConnection> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, endpoint.connectTimeoutMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        MqttConnection connection = new MqttConnection(ch, connect.version(), listener);
                        connection.initPipeline(ch.pipeline(), endpoint, connect.keepAliveSeconds());
                        connection.connAck.whenComplete((ack, error) -> {
                            if (error != null) {
                                result.completeExceptionally(error);
                            } else {
                                result.complete(connection);
                            }
                        });
                    }
                });
        ChannelFuture connected = bootstrap.connect(endpoint.host(), endpoint.port());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            } else {
                connected.channel().writeAndFlush(connect);
            }
        });
        return result;
    }

    private void initPipeline(ChannelPipeline pipeline, Endpoint endpoint, int keepAliveSeconds) {
        if (endpoint.ssl() != null) {
            pipeline.addLast("tls", endpoint.ssl().newHandler(channel.alloc(), endpoint.host(), endpoint.port()));
        }
        if (keepAliveSeconds > 0) {
            pipeline.addLast("idle", new IdleStateHandler(0, keepAliveSeconds, 0, TimeUnit.SECONDS));
        }
        pipeline.addLast("decoder", MqttDecoder.forClient(version, MAX_PACKET_SIZE));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt", new Handler());
    }

    public MqttVersion version() {
        return version;
    }

    /** The broker's CONNACK (done once connected). */
    public ConnAck connAck() {
        return connAck.getNow(null);
    }

    /** Completes when the connection is closed, by either side; normally, or with the failure that closed it. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    public boolean isWritable() {
        return channel.isWritable();
    }

    /** The channel's event loop: callers that keep their own state on it (bench clients) run tasks there. */
    public io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Publishes a message; the packet id of QoS 1/2 is assigned here. Completes as described in the class note. */
    public CompletableFuture<Void> publish(String topic, int qos, boolean retain, Properties properties, byte[] body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> publishOnLoop(topic, qos, retain, properties, body, done, true));
        return done;
    }

    /**
     * {@link #publish} for callers already on {@link #eventLoop()}, flushing only when {@code flush} is set, so a
     * caller sending a burst flushes once. {@code done} may be null for QoS 0 (nothing to wait for).
     */
    public void publishOnLoop(
            String topic,
            int qos,
            boolean retain,
            Properties properties,
            byte[] body,
            CompletableFuture<Void> done,
            boolean flush) {
        if (!channel.isActive()) {
            if (done != null) {
                failIfClosed(done);
            }
            return;
        }
        int packetId = 0;
        if (qos > 0) {
            packetId = allocatePacketId();
            if (packetId == 0) {
                done.completeExceptionally(new IllegalStateException("65,535 publishes are in flight"));
                return;
            }
            pendingPublishes.put(packetId, done);
        }
        Publish publish =
                new Publish(topic, qos, false, retain, packetId, properties, io.cicada.mqtt.packet.Payload.wrap(body));
        if (qos == 0 && done == null) {
            if (flush) {
                channel.writeAndFlush(publish, channel.voidPromise());
            } else {
                channel.write(publish, channel.voidPromise());
            }
            return;
        }
        ChannelFuture written = flush ? channel.writeAndFlush(publish) : channel.write(publish);
        if (qos == 0) {
            written.addListener(f -> {
                if (f.isSuccess()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(f.cause());
                }
            });
        }
    }

    /** Flushes what {@link #publishOnLoop} wrote without flushing. */
    public void flush() {
        channel.flush();
    }

    /** Subscribes; completes with the SUBACK (whatever its reason codes: the caller judges them). */
    public CompletableFuture<SubAck> subscribe(List<Subscription> subscriptions, Properties properties) {
        CompletableFuture<SubAck> done = new CompletableFuture<>();
        onLoop(() -> {
            if (failIfClosed(done)) {
                return;
            }
            int packetId = allocatePacketId();
            pendingSubscribes.put(packetId, done);
            channel.writeAndFlush(new Subscribe(packetId, subscriptions, properties));
        });
        return done;
    }

    /** Unsubscribes; completes with the UNSUBACK (whatever its reason codes). */
    public CompletableFuture<UnsubAck> unsubscribe(List<String> topicFilters, Properties properties) {
        CompletableFuture<UnsubAck> done = new CompletableFuture<>();
        onLoop(() -> {
            if (failIfClosed(done)) {
                return;
            }
            int packetId = allocatePacketId();
            pendingUnsubscribes.put(packetId, done);
            channel.writeAndFlush(new Unsubscribe(packetId, topicFilters, properties));
        });
        return done;
    }

    /** Sends DISCONNECT (normal disconnection) and closes the socket; completes when it is closed. */
    public CompletableFuture<Void> disconnect() {
        return disconnect(Disconnect.NORMAL);
    }

    /** Sends {@code disconnect} and closes the socket; completes when it is closed. */
    public CompletableFuture<Void> disconnect(Disconnect disconnect) {
        onLoop(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(disconnect).addListener(f -> channel.close());
            } else {
                channel.close();
            }
        });
        return closed.exceptionally(error -> null);
    }

    /** Closes the socket without DISCONNECT (so the broker publishes the will). */
    public CompletableFuture<Void> abort() {
        channel.close();
        return closed.exceptionally(error -> null);
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    private boolean failIfClosed(CompletableFuture<?> done) {
        if (channel.isActive()) {
            return false;
        }
        done.completeExceptionally(failure != null ? failure : new IOException("connection closed"));
        return true;
    }

    private int allocatePacketId() {
        for (int i = 0; i < 65_535; i++) {
            int id = nextPacketId;
            nextPacketId = id == 65_535 ? 1 : id + 1;
            if (!pendingPublishes.containsKey(id)
                    && !pendingSubscribes.containsKey(id)
                    && !pendingUnsubscribes.containsKey(id)) {
                return id;
            }
        }
        return 0;
    }

    private void received(MqttPacket packet) {
        switch (packet.type()) {
            case CONNACK -> receivedConnAck((ConnAck) packet);
            case PUBLISH -> receivedPublish((Publish) packet);
            case PUBACK -> {
                PubAck ack = (PubAck) packet;
                completePublish(ack.packetId(), ack.reasonCode(), "PUBACK");
            }
            case PUBREC -> {
                PubRec rec = (PubRec) packet;
                if (ReasonCode.isError(rec.reasonCode())) {
                    completePublish(rec.packetId(), rec.reasonCode(), "PUBREC");
                } else {
                    channel.writeAndFlush(new PubRel(rec.packetId()));
                }
            }
            case PUBCOMP -> {
                PubComp comp = (PubComp) packet;
                completePublish(comp.packetId(), comp.reasonCode(), "PUBCOMP");
            }
            case PUBREL -> channel.writeAndFlush(new PubComp(((PubRel) packet).packetId()));
            case SUBACK -> {
                SubAck ack = (SubAck) packet;
                CompletableFuture<SubAck> done = pendingSubscribes.remove(ack.packetId());
                if (done != null) {
                    done.complete(ack);
                }
            }
            case DISCONNECT -> {
                Disconnect disconnect = (Disconnect) packet;
                failure = new MqttRefusedException("disconnected by the broker", disconnect.reasonCode(), version);
                listener.disconnected(disconnect);
                channel.close();
            }
            case MALFORMED -> {
                failure = new IOException("malformed packet from the broker: " + ((MalformedPacket) packet).reason());
                channel.close();
            }
            case UNSUBACK -> {
                UnsubAck ack = (UnsubAck) packet;
                CompletableFuture<UnsubAck> done = pendingUnsubscribes.remove(ack.packetId());
                if (done != null) {
                    done.complete(ack);
                }
            }
            default -> {
                // PINGRESP and AUTH need no answer from these tools.
            }
        }
    }

    private void receivedConnAck(ConnAck ack) {
        int code = ack.reasonCode();
        boolean accepted = code == ReasonCode.SUCCESS;
        if (accepted) {
            connAck.complete(ack);
        } else {
            failure = new MqttRefusedException("connection refused", code, version);
            connAck.completeExceptionally(failure);
            channel.close();
        }
    }

    private void receivedPublish(Publish publish) {
        listener.message(publish);
        if (publish.qos() == 1) {
            channel.writeAndFlush(new PubAck(publish.packetId()));
        } else if (publish.qos() == 2) {
            channel.writeAndFlush(new PubRec(publish.packetId()));
        }
    }

    private void completePublish(int packetId, int reasonCode, String packet) {
        CompletableFuture<Void> done = pendingPublishes.remove(packetId);
        if (done == null) {
            return;
        }
        if (ReasonCode.isError(reasonCode)) {
            done.completeExceptionally(
                    new MqttRefusedException("publish refused (" + packet + ")", reasonCode, version));
        } else {
            done.complete(null);
        }
    }

    private void channelClosed() {
        Throwable cause = failure != null ? failure : new IOException("connection closed by the broker");
        connAck.completeExceptionally(cause);
        pendingPublishes.values().forEach(f -> f.completeExceptionally(cause));
        pendingPublishes.clear();
        pendingSubscribes.values().forEach(f -> f.completeExceptionally(cause));
        pendingSubscribes.clear();
        pendingUnsubscribes.values().forEach(f -> f.completeExceptionally(cause));
        pendingUnsubscribes.clear();
        if (failure == null) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(failure);
        }
        listener.closed(failure);
    }

    /** The last handler of the pipeline. */
    private final class Handler extends SimpleChannelInboundHandler<MqttPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttPacket packet) {
            received(packet);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.writeAndFlush(PingReq.INSTANCE);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            listener.writable(ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channelClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }
    }
}
