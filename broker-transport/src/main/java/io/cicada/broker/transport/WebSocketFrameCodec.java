package io.cicada.broker.transport;

import io.cicada.mqtt.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
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
 *
 * <p>When the broker closes the connection for a reason ({@link ChannelOutbound#CLOSE_REASON}: server DISCONNECT,
 * keep-alive timeout, takeover, shutdown, refused CONNECT), a Close frame with the matching status ({@link
 * #closeStatus}) and the reason code's name goes out before the TCP connection closes; a close without a reason gets
 * 1000 from Netty's protocol handler behind this one, which also waits for the frame to be written before closing.
 */
final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    /** After the handshake and before a Close frame went out: the one time a Close frame may be written. */
    private boolean open;

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        // The empty write that flushes before a close is no MQTT data: it needs no (empty) frame of its own.
        out.add(bytes.isReadable() ? new BinaryWebSocketFrame(bytes.retain()) : bytes.retain());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            open = false;
            ctx.writeAndFlush(new CloseWebSocketFrame(
                            WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "MQTT needs binary frames"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        super.userEventTriggered(ctx, event);
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            open = true;
            ctx.fireUserEventTriggered(ClientAddress.READY);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        Integer reasonCode = ctx.channel().attr(ChannelOutbound.CLOSE_REASON).get();
        if (open && reasonCode != null && ctx.channel().isActive()) {
            open = false;
            // Netty's protocol handler records this frame and closes the socket once it is written.
            ctx.writeAndFlush(new CloseWebSocketFrame(closeStatus(reasonCode), ReasonCode.describe(reasonCode)));
        }
        ctx.close(promise);
    }

    /**
     * The WebSocket close status (RFC 6455 §7.4.1) for the MQTT 5 reason code the broker closes with: 1000 for an
     * ordinary end (normal, takeover, administrative action, redirection), 1001 when the server goes away, 1002 when
     * the client broke the protocol (malformed packet, protocol error, keep-alive timeout, limits of the protocol),
     * 1008 for a policy refusal (authentication, authorization, quotas, unsupported features) and 1011 for the
     * server's own failures.
     */
    static WebSocketCloseStatus closeStatus(int reasonCode) {
        return switch (reasonCode) {
            case ReasonCode.SERVER_SHUTTING_DOWN -> WebSocketCloseStatus.ENDPOINT_UNAVAILABLE;
            case ReasonCode.MALFORMED_PACKET,
                    ReasonCode.PROTOCOL_ERROR,
                    ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    ReasonCode.KEEP_ALIVE_TIMEOUT,
                    ReasonCode.TOPIC_FILTER_INVALID,
                    ReasonCode.TOPIC_NAME_INVALID,
                    ReasonCode.PACKET_IDENTIFIER_IN_USE,
                    ReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                    ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    ReasonCode.TOPIC_ALIAS_INVALID,
                    ReasonCode.PACKET_TOO_LARGE,
                    ReasonCode.PAYLOAD_FORMAT_INVALID -> WebSocketCloseStatus.PROTOCOL_ERROR;
            case ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    ReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    ReasonCode.NOT_AUTHORIZED,
                    ReasonCode.BANNED,
                    ReasonCode.BAD_AUTHENTICATION_METHOD,
                    ReasonCode.MESSAGE_RATE_TOO_HIGH,
                    ReasonCode.QUOTA_EXCEEDED,
                    ReasonCode.RETAIN_NOT_SUPPORTED,
                    ReasonCode.QOS_NOT_SUPPORTED,
                    ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                    ReasonCode.CONNECTION_RATE_EXCEEDED,
                    ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                    ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED -> WebSocketCloseStatus.POLICY_VIOLATION;
            case ReasonCode.UNSPECIFIED_ERROR,
                    ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                    ReasonCode.SERVER_UNAVAILABLE,
                    ReasonCode.SERVER_BUSY -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR;
            default -> WebSocketCloseStatus.NORMAL_CLOSURE;
        };
    }
}
