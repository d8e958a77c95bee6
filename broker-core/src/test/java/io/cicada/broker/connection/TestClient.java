package io.cicada.broker.connection;

import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.MqttPacket;
import java.util.List;

/** One fake client connection of a {@link CoreHarness}: feeds packets in, reads what the core sent back. */
public final class TestClient {
    private final CoreHarness harness;
    private final RecordingOutbound outbound;
    private final Inbound inbound;

    TestClient(CoreHarness harness, RecordingOutbound outbound, Inbound inbound) {
        this.harness = harness;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /** Sends packets in one read cycle, then lets every loop run. */
    public TestClient send(MqttPacket... packets) {
        harness.runOn(outbound, () -> {
            for (MqttPacket packet : packets) {
                inbound.receive(packet);
            }
            inbound.readComplete();
        });
        return this;
    }

    /** Sends a CONNECT and returns the CONNACK. */
    public ConnAck connect(MqttPacket connect) {
        send(connect);
        return last(ConnAck.class);
    }

    /** The socket closed (client went away without DISCONNECT). */
    public void dropConnection() {
        harness.runOn(outbound, inbound::closed);
    }

    /** What reached the client: packets sent AND flushed (a packet never flushed never leaves the broker). */
    public List<MqttPacket> received() {
        return outbound.flushedPackets();
    }

    public <T extends MqttPacket> List<T> received(Class<T> type) {
        return outbound.flushedPackets().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    public <T extends MqttPacket> T last(Class<T> type) {
        List<T> all = received(type);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " received; got " + received());
        }
        return all.get(all.size() - 1);
    }

    public boolean isClosed() {
        return outbound.isClosed();
    }

    public RecordingOutbound outbound() {
        return outbound;
    }

    public Inbound inbound() {
        return inbound;
    }

    public void clear() {
        outbound.clear();
    }
}
