package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Feeds arbitrary bytes, in arbitrary chunks, through the decoder in both roles (and in the server role after a valid
 * CONNECT, so the fuzzer reaches every packet type quickly). Nothing may escape the pipeline, at most one
 * {@link MalformedPacket} may come out and only last, and every decoded packet must re-encode to bytes that decode to
 * the same packet.
 *
 * <p>The default build fuzzes for {@code jazzer.max_duration} (20 s; 10 min with {@code -Pfuzz}) because surefire sets
 * {@code JAZZER_FUZZ=1}; libFuzzer prints its statistics ({@code #N DONE ... exec/s}) to stderr, and this class prints
 * the number of inputs it ran at the end.
 */
class MqttDecoderFuzzTest {
    private static final AtomicLong EXECUTIONS = new AtomicLong();

    /**
     * The first three bytes choose the set-up: the decoder (0: server, 1: server after a valid CONNECT, 2: client), the
     * version (3.1, 3.1.1, 5.0), and the size of the reads (1..64 bytes); the rest is what the decoder reads.
     */
    @FuzzTest(maxDuration = "20s")
    void decoderNeverThrowsAndWhatItDecodesReEncodes(byte[] data) {
        EXECUTIONS.incrementAndGet();
        if (data.length < 3) {
            return;
        }
        int mode = Byte.toUnsignedInt(data[0]) % 3;
        MqttVersion version = MqttVersion.values()[Byte.toUnsignedInt(data[1]) % 3];
        int chunk = 1 + Byte.toUnsignedInt(data[2]) % 64;
        byte[] input = Arrays.copyOfRange(data, 3, data.length);

        int maxPacketSize = 1 << 16;
        MqttDecoder decoder =
                switch (mode) {
                    case 0, 1 -> new MqttDecoder(maxPacketSize);
                    default -> MqttDecoder.forClient(version, maxPacketSize);
                };
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<MqttPacket> packets = new ArrayList<>();
        if (mode == 1) {
            channel.writeInbound(Unpooled.wrappedBuffer(DecoderHarness.connectBytes(version)));
            packets.addAll(drain(channel));
        }
        for (int i = 0; i < input.length; i += chunk) {
            int end = Math.min(input.length, i + chunk);
            channel.writeInbound(Unpooled.wrappedBuffer(input, i, end - i)); // rethrows anything that escaped
            packets.addAll(drain(channel));
        }
        channel.finishAndReleaseAll();

        for (int i = 0; i < packets.size(); i++) {
            MqttPacket packet = packets.get(i);
            if (packet instanceof MalformedPacket) {
                assertThat(i).as("a MalformedPacket is the last thing decoded").isEqualTo(packets.size() - 1);
            } else {
                MqttVersion channelVersion =
                        mode == 2 ? version : channel.attr(MqttDecoder.VERSION).get();
                assertThat(channelVersion).isNotNull();
                assertThat(RoundTrip.viaBytes(packet, channelVersion)).isEqualTo(packet);
            }
        }
    }

    @AfterAll
    static void reportExecutions() {
        System.out.println("MqttDecoderFuzzTest executions: " + EXECUTIONS.get());
    }

    private static List<MqttPacket> drain(EmbeddedChannel channel) {
        List<MqttPacket> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add((MqttPacket) o);
        }
        return out;
    }
}
