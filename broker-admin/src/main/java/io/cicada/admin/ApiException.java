package io.cicada.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses, with the HTTP status and a reason a person can act on; becomes the JSON error body
 * {@code {"error": "...", "status": 400}}. Immutable.
 */
final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;

    ApiException(HttpResponseStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, reason);
    }

    HttpResponseStatus status() {
        return status;
    }
}
