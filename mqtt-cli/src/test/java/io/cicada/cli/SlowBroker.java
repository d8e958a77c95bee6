package io.cicada.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for an overloaded MQTT 3.1.1 broker: it accepts every CONNECT, SUBSCRIBE and QoS 0/1 PUBLISH at once
 * (CONNACK, SUBACK, PUBACK) but forwards the published messages to its subscribers only one every
 * {@code delayMillis}, so deliveries keep trickling in long after the publishers are done. One thread per connection
 * reads; forwards run on one scheduler thread; writes to a socket are synchronised on its stream.
 */
final class SlowBroker implements AutoCloseable {
    private final ServerSocket server;
    private final long delayMillis;
    private final ScheduledExecutorService forwarder = Executors.newSingleThreadScheduledExecutor();
    private final List<OutputStream> subscribers = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private long nextForward;

    private SlowBroker(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-broker-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of 127.0.0.1 and forwards one message every {@code delayMillis}. */
    static SlowBroker start(long delayMillis) {
        try {
            return new SlowBroker(delayMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread reader = new Thread(() -> serve(socket), "slow-broker-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            int header;
            while ((header = in.read()) >= 0) {
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> write(out, 0x20, 0, 0); // CONNACK, accepted
                    case 8 -> { // SUBSCRIBE: grant the requested QoS of the one filter
                        subscribers.add(out);
                        write(out, 0x90, body[0], body[1], body[body.length - 1] & 3);
                    }
                    case 3 -> published(out, header, body);
                    case 12 -> write(out, 0xD0); // PINGRESP
                    case 14 -> {
                        return; // DISCONNECT
                    }
                    default -> {
                        // PUBACK and the like from subscribers: nothing to do.
                    }
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** Acknowledges a PUBLISH at once and forwards it (as QoS 0) at the next free slot. */
    private void published(OutputStream publisher, int header, byte[] body) throws IOException {
        int qos = (header >> 1) & 3;
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        int payloadStart = 2 + topicLength + (qos > 0 ? 2 : 0);
        if (qos > 0) {
            write(publisher, 0x40, body[payloadStart - 2], body[payloadStart - 1]);
        }
        ByteArrayOutputStream forward = new ByteArrayOutputStream();
        forward.write(body, 0, 2 + topicLength);
        forward.write(body, payloadStart, body.length - payloadStart);
        byte[] packet = packet(0x30, forward.toByteArray());
        long delay;
        synchronized (this) {
            long now = System.currentTimeMillis();
            nextForward = Math.max(now, nextForward) + delayMillis;
            delay = nextForward - now;
        }
        forwarder.schedule(
                () -> subscribers.forEach(s -> {
                    try {
                        send(s, packet);
                    } catch (IOException e) {
                        subscribers.remove(s);
                    }
                }),
                delay,
                TimeUnit.MILLISECONDS);
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed Remaining Length");
    }

    private static void write(OutputStream out, int header, int... body) throws IOException {
        byte[] bytes = new byte[body.length];
        for (int i = 0; i < body.length; i++) {
            bytes[i] = (byte) body[i];
        }
        send(out, packet(header, bytes));
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(header);
        int length = body.length;
        do {
            int b = length & 0x7F;
            length >>>= 7;
            packet.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        packet.write(body, 0, body.length);
        return packet.toByteArray();
    }

    private static void send(OutputStream out, byte[] packet) throws IOException {
        synchronized (out) {
            out.write(packet);
            out.flush();
        }
    }

    @Override
    public void close() {
        forwarder.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
