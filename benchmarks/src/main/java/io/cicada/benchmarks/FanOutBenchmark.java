package io.cicada.benchmarks;

import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PUBLISH encoded for {@code recipients} subscribers, as a fan-out does it: each recipient gets its own packet
 * (its own packet identifier, so its own header) around the one shared payload, and each encoded buffer is released as
 * the write would release it. Reported per operation, i.e. per fan-out of one message; divide by {@code recipients}
 * for the cost per recipient. One JMH thread per state instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {
    @Param({"1", "50", "500"})
    public int recipients;

    @Param({"64", "1024"})
    public int size;

    @Param({"3.1.1", "5"})
    public String version;

    private MqttVersion mqttVersion;
    private Publish[] packets;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup(Level.Trial)
    public void setUp() {
        mqttVersion = Messages.version(version);
        Publish template = Messages.publish(mqttVersion, size, 1);
        packets = new Publish[recipients];
        for (int i = 0; i < recipients; i++) {
            // The same payload object for everyone; only the packet identifier differs.
            packets[i] = new Publish(
                    template.topic(),
                    template.qos(),
                    false,
                    false,
                    1 + i % 65_535,
                    template.properties(),
                    template.payload());
        }
    }

    /** Encodes the message once per recipient; returns the bytes written in all. */
    @Benchmark
    public long encodeForEveryRecipient() {
        long bytes = 0;
        for (Publish packet : packets) {
            ByteBuf encoded = MqttEncoder.encode(packet, mqttVersion, alloc);
            bytes += encoded.readableBytes();
            encoded.release();
        }
        return bytes;
    }
}
