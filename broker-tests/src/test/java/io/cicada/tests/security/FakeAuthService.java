package io.cicada.tests.security;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP auth service for tests on 127.0.0.1 and a free port (JDK {@code HttpServer}): {@code /authn} and
 * {@code /authz} answer with what the test's function returns for the request's JSON, count and keep the requests,
 * and hold a request while a topic is {@linkplain #hold held}. Handlers run on the server's own threads.
 */
final class FakeAuthService implements AutoCloseable {

    /** An HTTP status and body. */
    record Reply(int status, String body) {
        static Reply allow() {
            return new Reply(200, "{\"result\":\"allow\"}");
        }

        static Reply deny() {
            return new Reply(200, "{\"result\":\"deny\"}");
        }

        static Reply of(boolean allowed) {
            return allowed ? allow() : deny();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Map<String, Object>>> requests = new ConcurrentHashMap<>();
    private final Map<String, List<String>> authorizationHeaders = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final AtomicInteger arrivedHeld = new AtomicInteger();
    private volatile Function<Map<String, Object>, Reply> authn = body -> Reply.allow();
    private volatile Function<Map<String, Object>, Reply> authz = body -> Reply.allow();

    FakeAuthService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/authn", exchange -> answer(exchange, "/authn", authn));
        server.createContext("/authz", exchange -> answer(exchange, "/authz", authz));
        server.setExecutor(threads);
        server.start();
    }

    URI authnUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/authn");
    }

    URI authzUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/authz");
    }

    FakeAuthService authn(Function<Map<String, Object>, Reply> answer) {
        this.authn = answer;
        return this;
    }

    FakeAuthService authz(Function<Map<String, Object>, Reply> answer) {
        this.authz = answer;
        return this;
    }

    /** Requests about {@code topic} wait until {@link #release}. */
    void hold(String topic) {
        held.put(topic, new CountDownLatch(1));
    }

    void release(String topic) {
        held.remove(topic).countDown();
    }

    /** How many requests reached a held topic so far. */
    int heldArrivals() {
        return arrivedHeld.get();
    }

    List<Map<String, Object>> requests(String path) {
        return requests.getOrDefault(path, List.of());
    }

    int count(String path) {
        return requests(path).size();
    }

    List<String> authorizationHeaders(String path) {
        return authorizationHeaders.getOrDefault(path, List.of());
    }

    private void answer(HttpExchange exchange, String path, Function<Map<String, Object>, Reply> function)
            throws IOException {
        try (exchange) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> body = JSONObjectUtils.parse(text);
            requests.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizationHeaders
                    .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(authorization == null ? "" : authorization);
            CountDownLatch latch = body.get("topic") == null ? null : held.get((String) body.get("topic"));
            if (latch != null) {
                arrivedHeld.incrementAndGet();
                latch.await(30, TimeUnit.SECONDS);
            }
            Reply reply = function.apply(body);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        held.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }
}
