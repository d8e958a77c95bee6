package io.cicada.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection of the admin listener: checks credentials ({@link AdminAuth}), hands the request to
 * {@link AdminApi} and writes its answer as JSON, turning refusals into error bodies {@code {"error": reason,
 * "status": code}}. One instance per channel; runs on the admin event loop (answers that complete elsewhere are
 * written through the channel, which hands them to its loop).
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final AdminAuth auth;
    private final AdminApi api;
    private final ObjectMapper json;

    AdminHttpHandler(AdminAuth auth, AdminApi api, ObjectMapper json) {
        this.auth = auth;
        this.api = api;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
            return;
        }
        String refusal = auth.refusal(request, ctx.channel().remoteAddress());
        if (refusal != null) {
            ApiResponse response = error(HttpResponseStatus.UNAUTHORIZED, refusal);
            write(ctx, response, keepAlive);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        byte[] body = ByteBufUtil.getBytes(request.content());
        CompletableFuture<ApiResponse> answer;
        try {
            answer = api.handle(request.method(), uri.path(), uri.parameters(), body);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            ApiResponse out = failure == null ? response : failed(failure, request.method() + " " + uri.path());
            write(ctx, out, keepAlive);
        });
    }

    private static ApiResponse failed(Throwable failure, String what) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException refused) {
            return error(refused.status(), refused.getMessage());
        }
        log.warn("admin request {} failed", what, cause);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + cause);
    }

    private static ApiResponse error(HttpResponseStatus status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("status", status.code());
        return new ApiResponse(status, body, ApiResponse.JSON);
    }

    private void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        byte[] bytes;
        try {
            bytes = response.body() == null
                    ? new byte[0]
                    : response.body() instanceof String text
                            ? text.getBytes(StandardCharsets.UTF_8)
                            : json.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot write the answer as JSON");
            bytes = ("{\"error\":\"cannot write the answer as JSON\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
        }
        FullHttpResponse http =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.wrappedBuffer(bytes));
        if (bytes.length > 0) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        if (response.status() == HttpResponseStatus.UNAUTHORIZED) {
            http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"cicada\", Basic realm=\"cicada\"");
        }
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        HttpUtil.setKeepAlive(http, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
