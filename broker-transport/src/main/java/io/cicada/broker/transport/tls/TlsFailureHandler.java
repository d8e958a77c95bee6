package io.cicada.broker.transport.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed TLS handshake (wrong CA, revoked or missing client certificate, a plain-text client on a TLS port)
 * into one log line and a closed connection, instead of a stack trace further down the pipeline. One per channel;
 * touched only by the channel's event loop.
 */
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsFailureHandler.class);

    private final String listenerName;
    private boolean logged;

    TlsFailureHandler(String listenerName) {
        this.listenerName = listenerName;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            logOnce(ctx, completion.cause());
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable tls = cause instanceof DecoderException && cause.getCause() instanceof SSLException
                ? cause.getCause()
                : cause;
        if (tls instanceof SSLException) {
            logOnce(ctx, tls);
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void logOnce(ChannelHandlerContext ctx, Throwable cause) {
        if (!logged) {
            logged = true;
            log.info(
                    "TLS handshake from {} via {} failed: {}",
                    ctx.channel().remoteAddress(),
                    listenerName,
                    cause == null ? "unknown reason" : cause.getMessage());
        }
    }
}
