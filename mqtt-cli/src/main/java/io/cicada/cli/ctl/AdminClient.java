package io.cicada.cli.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls the broker's admin HTTP API ({@code /api/...}) with the JDK's HTTP client and answers with the parsed JSON,
 * or throws {@link AdminException} with the API's own error text. Used on the main thread by {@code cicada ctl}.
 */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /** @param authorization the Authorization header value, or null */
    AdminClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A path segment (client id) or a topic with its slashes kept, percent-encoded for a URL path. */
    static String encodePath(String text) {
        StringBuilder out = new StringBuilder();
        for (String segment : text.split("/", -1)) {
            if (out.length() > 0 || text.startsWith("/")) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    static String query(String name, String value) {
        return value == null ? "" : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode get(String path) throws IOException, InterruptedException, AdminException {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException, AdminException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    JsonNode delete(String path) throws IOException, InterruptedException, AdminException {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException, AdminException {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = response.body();
        JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (response.statusCode() >= 400) {
            String reason = json.path("error").asText("HTTP " + response.statusCode());
            throw new AdminException(response.statusCode(), reason);
        }
        return json;
    }

    static String pretty(JsonNode json) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    /** The API said no: its HTTP status and error text. */
    static final class AdminException extends Exception {
        private final int status;

        AdminException(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
