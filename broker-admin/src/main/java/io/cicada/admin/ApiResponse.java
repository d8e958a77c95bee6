package io.cicada.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What a route answers: a status and a body that is written as JSON (or as plain text when it is a {@link
 * String} and {@code contentType} says so). Immutable.
 */
record ApiResponse(HttpResponseStatus status, Object body, String contentType) {

    static final String JSON = "application/json";

    static ApiResponse ok(Object body) {
        return new ApiResponse(HttpResponseStatus.OK, body, JSON);
    }

    static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, JSON);
    }

    static ApiResponse text(String body, String contentType) {
        return new ApiResponse(HttpResponseStatus.OK, body, contentType);
    }
}
