package io.cicada.broker.auth.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the HTTP service one question: POSTs a JSON object and reads the decision, HTTP 200 with
 * {@code {"result":"allow"|"deny"|"ignore"}} (and {@code "is_superuser":true} for a CONNECT), or 204 for allow. Any
 * other status, a body without a known result, a refused connection or no answer within the timeout is a failure: the
 * stage fails with {@link ServiceFailure} and the failure is logged (rate-limited). Thread-safe; requests start on the
 * back end's own threads, so a caller on an event loop never waits, not even for a DNS lookup.
 */
final class HttpDecisions implements AutoCloseable {

    /** What the service decided. */
    enum Result {
        ALLOW,
        DENY,
        /** The service abstains: the other back ends decide. */
        IGNORE
    }

    /** A decision, and for a CONNECT whether the client is a superuser (never asked about PUBLISH or SUBSCRIBE). */
    record Answer(Result result, boolean superuser) {}

    /** The service did not give a decision. */
    static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final HttpAuthSettings settings;
    private final ExecutorService threads;
    private final HttpClient client;
    private final FailureLog failures = new FailureLog(LOG_INTERVAL_NANOS, System::nanoTime);

    HttpDecisions(HttpAuthSettings settings) {
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cicada-http-auth-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .executor(threads)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs {@code body} as JSON to {@code url}; fails with {@link ServiceFailure} when there is no decision. */
    CompletableFuture<Answer> ask(URI url, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)));
        settings.headers().forEach(request::header);
        HttpRequest built = request.build();
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = CompletableFuture.supplyAsync(
                            () -> client.sendAsync(built, HttpResponse.BodyHandlers.ofString()), threads)
                    .thenCompose(sent -> sent);
        } catch (RejectedExecutionException e) {
            return failed(url, "the broker is shutting down");
        }
        return response.handle((answer, error) -> {
            if (error != null) {
                throw failure(url, describe(error));
            }
            return decision(url, answer);
        });
    }

    private Answer decision(URI url, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 204) {
            return new Answer(Result.ALLOW, false);
        }
        if (status != 200) {
            throw failure(url, "HTTP status " + status);
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw failure(url, "the answer is not a JSON object: " + e.getMessage());
        }
        Object result = json.get("result");
        if (!(result instanceof String text)) {
            throw failure(url, "the answer has no \"result\"");
        }
        Result parsed =
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "allow" -> Result.ALLOW;
                    case "deny" -> Result.DENY;
                    case "ignore" -> Result.IGNORE;
                    default -> throw failure(url, "unknown \"result\": " + text);
                };
        return new Answer(parsed, Boolean.TRUE.equals(json.get("is_superuser")));
    }

    private ServiceFailure failure(URI url, String reason) {
        failures.failed(url, reason, settings.failurePolicy());
        return new ServiceFailure(reason);
    }

    private CompletableFuture<Answer> failed(URI url, String reason) {
        return CompletableFuture.failedFuture(failure(url, reason));
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
