package io.cicada.broker.transport;

import io.cicada.broker.connection.ConnectionAcceptor;
import io.cicada.broker.connection.Inbound;
import io.cicada.broker.connection.Outbound;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.Properties;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the core: answers CONNECT with a CONNACK and records every call the transport makes, noting whether
 * it came on the connection's event loop. Thread-safe.
 */
final class RecordingAcceptor implements ConnectionAcceptor {

    final List<Connection> connections = new CopyOnWriteArrayList<>();
    volatile int connAcksPerConnect = 1;

    @Override
    public Inbound accept(Outbound outbound) {
        Connection connection = new Connection(outbound);
        connections.add(connection);
        return connection;
    }

    Connection only() {
        return connections.get(0);
    }

    /** The calls on one connection's {@link Inbound}, as strings such as {@code receive CONNECT}, in order. */
    final class Connection implements Inbound {
        final Outbound outbound;
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<MqttPacket> packets = new CopyOnWriteArrayList<>();
        volatile boolean allOnEventLoop = true;

        Connection(Outbound outbound) {
            this.outbound = outbound;
            checkThread();
        }

        @Override
        public void receive(MqttPacket packet) {
            checkThread();
            packets.add(packet);
            events.add("receive " + packet.type());
            if (packet instanceof Connect) {
                for (int i = 0; i < connAcksPerConnect; i++) {
                    outbound.send(new ConnAck(false, 0, Properties.EMPTY));
                }
            }
        }

        @Override
        public void readComplete() {
            checkThread();
            events.add("readComplete");
        }

        @Override
        public void writabilityChanged(boolean writable) {
            checkThread();
            events.add("writable " + writable);
        }

        @Override
        public void closed() {
            checkThread();
            events.add("closed");
        }

        long count(String event) {
            return events.stream().filter(event::equals).count();
        }

        private void checkThread() {
            if (!((EventLoop) outbound.executor()).inEventLoop()) {
                allOnEventLoop = false;
            }
        }
    }
}
