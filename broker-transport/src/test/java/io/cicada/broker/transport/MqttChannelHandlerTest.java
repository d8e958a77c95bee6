package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.MalformedPacket;
import io.cicada.mqtt.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MqttChannelHandlerTest {

    private final RecordingAcceptor acceptor = new RecordingAcceptor();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new MqttChannelInitializer("tcp", 1024, acceptor, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }

    @Test
    void pipelineIsDecoderThenEncoderThenHandler() {
        assertThat(channel.pipeline().names()).startsWith("decoder", "encoder", "handler");
    }

    @Test
    void theCoreGetsOneInboundPerChannelWhenItBecomesActive() {
        assertThat(acceptor.connections).hasSize(1);
        assertThat(acceptor.only().outbound.listenerName()).isEqualTo("tcp");
        assertThat(acceptor.only().events).isEmpty();
    }

    @Test
    void packetsThenReadCompleteThenTheFlushedReply() {
        channel.writeInbound(hex(TestClient.CONNECT_311));

        assertThat(acceptor.only().events).containsExactly("receive CONNECT", "readComplete");
        ByteBuf reply = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(reply)).isEqualTo("20020000");
        reply.release();
    }

    @Test
    void malformedInputReachesTheCoreAsAMalformedPacket() {
        channel.writeInbound(hex("c000")); // PINGREQ before CONNECT

        assertThat(acceptor.only().packets)
                .singleElement()
                .isInstanceOfSatisfying(MalformedPacket.class, malformed -> assertThat(malformed.reasonCode())
                        .isEqualTo(ReasonCode.PROTOCOL_ERROR));
    }

    @Test
    void anIoErrorClosesTheChannelAndClosedIsCalledOnce() {
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        channel.close();
        assertThat(acceptor.only().count("closed")).isEqualTo(1);
    }

    @Test
    void nothingReachesTheCoreAfterClosed() {
        channel.close();
        channel.pipeline().fireChannelRead(hex(TestClient.CONNECT_311));

        assertThat(acceptor.only().events).containsExactly("closed");
    }
}
