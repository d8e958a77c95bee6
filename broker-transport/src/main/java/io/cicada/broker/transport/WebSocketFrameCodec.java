package io.cicada.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;

/**
 * Turns WebSocket frames into the plain byte stream the MQTT decoder reads, and encoded packets back into binary
 * frames. A frame's bytes are not a packet boundary: the decoder after this reassembles packets split across frames
 * and splits frames that carry several packets. [MQTT-6.0.0-1] MQTT travels in binary frames only: a text frame
 * closes the connection (status 1003). When the handshake completes, tells the pipeline the channel is ready for
 * MQTT. One instance per channel; runs on the channel's event loop.
 */
final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(
                            WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "MQTT needs binary frames"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        super.userEventTriggered(ctx, event);
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.fireUserEventTriggered(ClientAddress.READY);
        }
    }
}
