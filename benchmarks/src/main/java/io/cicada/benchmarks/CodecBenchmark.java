package io.cicada.benchmarks;

import io.cicada.mqtt.codec.MqttDecoder;
import io.cicada.mqtt.codec.MqttEncoder;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode of one QoS 1 PUBLISH (64 B and 1 KB payloads; MQTT 3.1.1, and MQTT 5 with seven properties).
 * Decoding goes through {@link MqttDecoder} in a Netty {@link EmbeddedChannel}, the way the broker's pipeline calls
 * it (the embedded channel adds a few tens of nanoseconds); encoding calls {@link MqttEncoder#encode} with the pooled
 * allocator and releases the result. One JMH thread per state instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"64", "1024"})
    public int size;

    @Param({"3.1.1", "5"})
    public String version;

    private MqttVersion mqttVersion;
    private Publish publish;
    private ByteBuf encoded;
    private EmbeddedChannel decoder;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup(Level.Trial)
    public void setUp() {
        mqttVersion = Messages.version(version);
        publish = Messages.publish(mqttVersion, size, 7);
        ByteBuf bytes = MqttEncoder.encode(publish, mqttVersion, alloc);
        encoded = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(bytes));
        bytes.release();
        decoder = new EmbeddedChannel(MqttDecoder.forClient(mqttVersion, 268_435_460));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.finishAndReleaseAll();
    }

    /** Bytes of one PUBLISH in, one {@link Publish} record out. */
    @Benchmark
    public Object decode() {
        decoder.writeInbound(encoded.duplicate());
        return decoder.readInbound();
    }

    /** One {@link Publish} record in, its bytes out (released: the broker's write releases them). */
    @Benchmark
    public int encode() {
        ByteBuf bytes = MqttEncoder.encode(publish, mqttVersion, alloc);
        int size = bytes.readableBytes();
        bytes.release();
        return size;
    }

    /** The size of one encoded PUBLISH, for the smoke test. */
    int encodedSize() {
        return encoded.readableBytes();
    }
}
