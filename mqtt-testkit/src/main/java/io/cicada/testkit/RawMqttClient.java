package io.cicada.testkit;

import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A packet-level MQTT client over a plain blocking {@link Socket}: sends any packet (or any bytes, valid or not) and
 * decodes what the broker answers with the codec's client-role decoder, so tests can check single packets, reason
 * codes and flags, and send what real client libraries refuse to. Not thread-safe: one test thread drives it.
 *
 * <p>Receiving is pull-based: {@link #receive(Duration)} reads the socket until one packet is decoded or the time is
 * up. The decoder speaks {@link #version()}, which {@link #connect(MqttVersion, String, boolean, int)} and
 * {@link #send(MqttPacket, MqttVersion)} of a CONNECT set; set it with {@link #version(MqttVersion)} before the first
 * receive when only raw bytes were sent.
 *
 * <pre>{@code
 * try (RawMqttClient client = RawMqttClient.connect("127.0.0.1", broker.port())) {
 *     ConnAck ack = client.connect(MqttVersion.MQTT_5, "c1", true, 60);
 *     client.sendHex("C0 01 00");                  // PINGREQ with remaining length 1: malformed
 *     Disconnect d = client.receive(Disconnect.class, Duration.ofSeconds(2));
 *     assertThat(client.awaitClosed(Duration.ofSeconds(2))).isTrue();
 * }
 * }</pre>
 */
public final class RawMqttClient implements AutoCloseable {
    /** Largest packet the test client decodes: the MQTT maximum. */
    private static final int MAX_PACKET_SIZE = 268_435_460;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deque<MqttPacket> pending = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[8192];
    private MqttVersion version = MqttVersion.MQTT_3_1_1;
    private EmbeddedChannel decoder;
    private boolean closedByPeer;
    private int nextPacketId = 1;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection (TCP_NODELAY on) to the broker; sends nothing yet. */
    public static RawMqttClient connect(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return new RawMqttClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /**
     * Sends a CONNECT with the given fields and no will, user name or properties, and returns the broker's CONNACK
     * (whatever its code). Fails if the broker answers with anything else or nothing within 5 seconds.
     */
    public ConnAck connect(MqttVersion version, String clientId, boolean cleanStart, int keepAliveSeconds) {
        return connect(
                new Connect(version, clientId, cleanStart, keepAliveSeconds, null, null, null, Properties.EMPTY));
    }

    /** Sends {@code connect} (in its own version) and returns the CONNACK; fails on anything else. */
    public ConnAck connect(Connect connect) {
        send(connect, connect.version());
        return receive(ConnAck.class, Duration.ofSeconds(5));
    }

    /**
     * Sends a SUBSCRIBE with the given subscriptions and a fresh packet id and returns the SUBACK; packets that arrive
     * before it (such as retained messages) stay queued for {@link #receive(Duration)}.
     */
    public SubAck subscribe(Subscription... subscriptions) {
        return subscribe(Properties.EMPTY, subscriptions);
    }

    /** {@link #subscribe(Subscription...)} with MQTT 5 SUBSCRIBE properties (a Subscription Identifier). */
    public SubAck subscribe(Properties properties, Subscription... subscriptions) {
        send(new Subscribe(nextPacketId(), List.of(subscriptions), properties));
        return receiveFirst(SubAck.class, Duration.ofSeconds(5));
    }

    /** One filter at one QoS with the default options. */
    public SubAck subscribe(String topicFilter, int qos) {
        return subscribe(Subscription.of(topicFilter, qos));
    }

    /** A packet id 1..65535 not used before by this client (wraps after 65535). */
    public int nextPacketId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        return id;
    }

    /** The protocol version the decoder uses for packets from the broker. */
    public MqttVersion version() {
        return version;
    }

    /** Sets the protocol version used to decode the broker's packets; call before the first receive. */
    public RawMqttClient version(MqttVersion version) {
        if (decoder != null && version != this.version) {
            decoder.finishAndReleaseAll();
            decoder = null;
        }
        this.version = version;
        return this;
    }

    /** Encodes {@code packet} with the codec's encoder in {@code version} and writes it; a CONNECT sets the version. */
    public void send(MqttPacket packet, MqttVersion version) {
        if (packet instanceof Connect) {
            version(version);
        }
        ByteBuf buf = MqttEncoder.encode(packet, version, ByteBufAllocator.DEFAULT);
        try {
            sendBytes(ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    /** Encodes {@code packet} in the current {@link #version()} and writes it. */
    public void send(MqttPacket packet) {
        send(packet, version);
    }

    /** Writes raw bytes; a broken pipe is ignored because the broker may already have closed (tests check that). */
    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (SocketException e) {
            closedByPeer = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes written as hex, spaces and colons allowed: {@code "C0 00"}. */
    public void sendHex(String hex) {
        sendBytes(hexToBytes(hex));
    }

    /** Parses hex with optional whitespace and colons into bytes. */
    public static byte[] hexToBytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s:]", ""));
    }

    /** The next packet from the broker; fails (AssertionError) if none arrives within {@code timeout}. */
    public MqttPacket receive(Duration timeout) {
        MqttPacket packet = poll(timeout);
        if (packet == null) {
            throw new AssertionError(
                    closedByPeer
                            ? "expected a packet from the broker, but it closed the connection"
                            : "expected a packet from the broker within " + timeout.toMillis() + " ms, got nothing");
        }
        return packet;
    }

    /** The next packet, which must be of {@code type}; fails with the packet seen otherwise. */
    public <T extends MqttPacket> T receive(Class<T> type, Duration timeout) {
        MqttPacket packet = receive(timeout);
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + " from the broker, got " + packet);
        }
        return type.cast(packet);
    }

    /**
     * The first packet of {@code type} that arrives within {@code timeout}; packets of other types seen meanwhile stay
     * queued, in order, for later receives. Fails if none arrives.
     */
    public <T extends MqttPacket> T receiveFirst(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<MqttPacket> it = pending.iterator(); it.hasNext(); ) {
                MqttPacket packet = it.next();
                if (type.isInstance(packet)) {
                    it.remove();
                    return type.cast(packet);
                }
            }
            long left = deadline - System.nanoTime();
            if (closedByPeer || left <= 0) {
                throw new AssertionError("expected " + type.getSimpleName() + " from the broker within "
                        + timeout.toMillis() + " ms" + (closedByPeer ? " (connection closed)" : "")
                        + "; other packets: " + pending);
            }
            readOnce(Duration.ofNanos(left));
        }
    }

    /** The next packet, or null if none arrives within {@code timeout} or the broker closed the connection. */
    public MqttPacket poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (closedByPeer) {
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            readOnce(Duration.ofNanos(left));
        }
    }

    /** Asserts that the broker sends no packet within {@code window} (a close is fine). */
    public void expectNothing(Duration window) {
        MqttPacket packet = poll(window);
        if (packet != null) {
            throw new AssertionError(
                    "expected nothing from the broker within " + window.toMillis() + " ms, got " + packet);
        }
    }

    /**
     * Waits until the broker closes the connection; true if it did within {@code timeout}. Packets that arrive
     * meanwhile are kept for {@link #receive(Duration)}.
     */
    public boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByPeer) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            readOnce(Duration.ofNanos(left));
        }
        return true;
    }

    /** True once the broker's close was seen by a read or write. */
    public boolean isClosedByBroker() {
        return closedByPeer;
    }

    /** The local port, to tell this connection apart in broker logs. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Closes the socket without sending DISCONNECT (an abnormal close, from the broker's view). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing an already broken socket: nothing to report
        }
        if (decoder != null) {
            decoder.finishAndReleaseAll();
            decoder = null;
        }
    }

    private void readOnce(Duration timeout) {
        int n;
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            n = in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            return;
        } catch (SocketException e) {
            closedByPeer = true; // connection reset counts as closed by the broker
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n < 0) {
            closedByPeer = true;
            return;
        }
        decode(n);
    }

    private void decode(int length) {
        if (decoder == null) {
            decoder = new EmbeddedChannel(MqttDecoder.forClient(version, MAX_PACKET_SIZE));
        }
        decoder.writeInbound(Unpooled.copiedBuffer(readBuffer, 0, length));
        for (Object decoded = decoder.readInbound(); decoded != null; decoded = decoder.readInbound()) {
            pending.add((MqttPacket) decoded);
        }
    }
}
