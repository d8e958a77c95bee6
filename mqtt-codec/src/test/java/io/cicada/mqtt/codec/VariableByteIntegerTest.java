package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableByteIntegerTest {

    /** The boundaries of MQTT 5 §1.5.5 table 1-1. */
    @ParameterizedTest
    @CsvSource({"0,1", "127,1", "128,2", "16383,2", "16384,3", "2097151,3", "2097152,4", "268435455,4"})
    void writesAndPeeksWithTheFewestBytes(int value, int size) {
        ByteBuf buf = Unpooled.buffer();
        VariableByteInteger.write(buf, value);

        long peeked = VariableByteInteger.peek(buf, 0);

        assertThat(buf.readableBytes()).isEqualTo(size).isEqualTo(VariableByteInteger.size(value));
        assertThat(VariableByteInteger.valueOf(peeked)).isEqualTo(value);
        assertThat(VariableByteInteger.lengthOf(peeked)).isEqualTo(size);
    }

    @ParameterizedTest
    @CsvSource({"80", "ff80", "ffffff"})
    void incompleteWhenTheBufferEndsFirst(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        assertThat(VariableByteInteger.peek(buf, 0)).isEqualTo(VariableByteInteger.INCOMPLETE);
    }

    @ParameterizedTest
    @CsvSource({"ffffffff01", "8080808001"})
    void tooLongAfterFourBytes(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        assertThat(VariableByteInteger.peek(buf, 0)).isEqualTo(VariableByteInteger.TOO_LONG);
    }
}
