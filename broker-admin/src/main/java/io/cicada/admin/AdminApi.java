package io.cicada.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cicada.broker.BrokerCore;
import io.cicada.broker.connection.ClientInfo;
import io.cicada.broker.message.Message;
import io.cicada.broker.transport.TransportServer;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.topic.Topics;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The admin API's routes, written in one place ({@link #handle}): health, broker info, clients and sessions,
 * subscriptions, retained messages, publish, listeners, the OpenAPI description and metrics. Answers with futures
 * because client views are taken on each session's event loop. Thread-safe; called on the admin event loop.
 */
final class AdminApi {

    private static final String CLIENTS = "/api/clients/";
    private static final String SESSIONS = "/api/sessions/";
    private static final String RETAINED = "/api/retained/";

    private final BrokerCore core;
    private final TransportServer transport;
    private final BrokerMetrics metrics;
    private final ObjectMapper json;
    private final String openApi;
    private final long startedMillis = System.currentTimeMillis();

    AdminApi(BrokerCore core, TransportServer transport, BrokerMetrics metrics, ObjectMapper json, String openApi) {
        this.core = core;
        this.transport = transport;
        this.metrics = metrics;
        this.json = json;
        this.openApi = openApi;
    }

    /** The response to one request; a refused request completes exceptionally with an {@link ApiException}. */
    CompletableFuture<ApiResponse> handle(
            HttpMethod method, String path, Map<String, List<String>> query, byte[] body) {
        boolean get = HttpMethod.GET.equals(method);
        if (get && path.equals("/health")) {
            return done(ApiResponse.ok(Map.of("status", "UP")));
        }
        if (get && path.equals("/ready")) {
            boolean ready = transport.listenerStatus().stream().allMatch(l -> l.listening());
            return done(new ApiResponse(
                    ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    Map.of("status", ready ? "READY" : "NOT_READY"),
                    ApiResponse.JSON));
        }
        if (get && path.equals("/metrics")) {
            return core.clients().list().thenApply(all -> {
                metrics.update(all);
                return ApiResponse.text(metrics.scrape(), BrokerMetrics.CONTENT_TYPE);
            });
        }
        if (get && path.equals("/api/openapi.json")) {
            return done(ApiResponse.text(openApi, ApiResponse.JSON));
        }
        if (get && path.equals("/api/broker")) {
            return done(ApiResponse.ok(brokerInfo()));
        }
        if (get && path.equals("/api/listeners")) {
            return done(ApiResponse.ok(transport.listenerStatus()));
        }
        if (get && path.equals("/api/clients")) {
            return core.clients().list().thenApply(all -> ApiResponse.ok(Page.of(filterClients(all, query), query)));
        }
        if (get && path.equals("/api/subscriptions")) {
            return core.clients().list().thenApply(all -> ApiResponse.ok(Page.of(subscriptions(all, query), query)));
        }
        if (path.startsWith(CLIENTS) && path.length() > CLIENTS.length()) {
            return client(method, path.substring(CLIENTS.length()));
        }
        if (HttpMethod.DELETE.equals(method) && path.startsWith(SESSIONS) && path.length() > SESSIONS.length()) {
            String clientId = path.substring(SESSIONS.length());
            return core.clients()
                    .delete(clientId)
                    .thenApply(deleted -> found(deleted, "no session for '" + clientId + "'"));
        }
        if (get && path.equals("/api/retained")) {
            return done(ApiResponse.ok(Page.of(retained(parameter(query, "filter", "#")), query)));
        }
        if (path.startsWith(RETAINED) && path.length() > RETAINED.length()) {
            return retainedTopic(method, path.substring(RETAINED.length()));
        }
        if (HttpMethod.POST.equals(method) && path.equals("/api/publish")) {
            publish(body);
            return done(new ApiResponse(HttpResponseStatus.ACCEPTED, Map.of("status", "published"), ApiResponse.JSON));
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + method + " " + path);
    }

    private Map<String, Object> brokerInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", core.settings().brokerVersion());
        info.put("uptimeSeconds", (System.currentTimeMillis() - startedMillis) / 1000);
        info.put("connectedClients", core.connectedClients());
        info.put("sessions", core.sessionCount());
        info.put("subscriptions", core.subscriptionCount());
        info.put("retainedMessages", core.retained().count());
        info.put("messagesReceived", core.stats().messagesReceived());
        info.put("messagesSent", core.stats().messagesSent());
        info.put("transport", transport.kindName());
        return info;
    }

    private CompletableFuture<ApiResponse> client(HttpMethod method, String rest) {
        if (HttpMethod.GET.equals(method) && !rest.endsWith("/kick")) {
            return core.clients()
                    .find(rest)
                    .thenApply(found -> ApiResponse.ok(
                            found.orElseThrow(() -> ApiException.notFound("no client or session '" + rest + "'"))));
        }
        if (HttpMethod.POST.equals(method) && rest.endsWith("/kick")) {
            String clientId = rest.substring(0, rest.length() - "/kick".length());
            return core.clients()
                    .kick(clientId)
                    .thenApply(kicked -> found(kicked, "client '" + clientId + "' is not connected"));
        }
        if (HttpMethod.DELETE.equals(method)) {
            return core.clients().delete(rest).thenApply(deleted -> found(deleted, "no session for '" + rest + "'"));
        }
        throw methodNotAllowed(method, CLIENTS + rest);
    }

    private CompletableFuture<ApiResponse> retainedTopic(HttpMethod method, String topic) {
        if (!Topics.isValidTopicName(topic)) {
            throw ApiException.badRequest("'" + topic + "' is not a valid topic name");
        }
        if (HttpMethod.GET.equals(method)) {
            List<RetainedView> found = retained(topic);
            if (found.isEmpty()) {
                throw ApiException.notFound("no retained message on '" + topic + "'");
            }
            return done(ApiResponse.ok(found.get(0)));
        }
        if (HttpMethod.DELETE.equals(method)) {
            boolean existed = !retained(topic).isEmpty();
            core.retained()
                    .retain(new Message(
                            topic, 0, true, Payload.EMPTY, Properties.EMPTY, null, System.currentTimeMillis()));
            return done(found(existed, "no retained message on '" + topic + "'"));
        }
        throw methodNotAllowed(method, RETAINED + topic);
    }

    private static ApiResponse found(boolean done, String otherwise) {
        if (!done) {
            throw ApiException.notFound(otherwise);
        }
        return ApiResponse.noContent();
    }

    private static ApiException methodNotAllowed(HttpMethod method, String path) {
        return new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
    }

    private static List<ClientInfo> filterClients(List<ClientInfo> all, Map<String, List<String>> query) {
        String search = parameter(query, "search", "").toLowerCase(Locale.ROOT);
        String connected = parameter(query, "connected", null);
        if (connected != null && !connected.equals("true") && !connected.equals("false")) {
            throw ApiException.badRequest("'connected' must be true or false, got '" + connected + "'");
        }
        Predicate<ClientInfo> matches =
                client -> client.clientId().toLowerCase(Locale.ROOT).contains(search)
                        || (client.address() != null && client.address().contains(search))
                        || (client.username() != null
                                && client.username().toLowerCase(Locale.ROOT).contains(search));
        return all.stream()
                .filter(matches)
                .filter(client -> connected == null || client.connected() == Boolean.parseBoolean(connected))
                .toList();
    }

    /** One row per subscription of every session, optionally only those whose filter contains {@code filter}. */
    private static List<SubscriptionView> subscriptions(List<ClientInfo> all, Map<String, List<String>> query) {
        String contains = parameter(query, "filter", "");
        List<SubscriptionView> rows = new ArrayList<>();
        for (ClientInfo client : all) {
            for (ClientInfo.SubscriptionInfo subscription : client.subscriptions()) {
                if (subscription.topicFilter().contains(contains)) {
                    rows.add(new SubscriptionView(client.clientId(), subscription.topicFilter(), subscription.qos()));
                }
            }
        }
        return rows;
    }

    private List<RetainedView> retained(String filter) {
        if (!Topics.isValidTopicFilter(filter)) {
            throw ApiException.badRequest("'" + filter + "' is not a valid topic filter");
        }
        List<RetainedView> found = new ArrayList<>();
        core.retained().forEachMatching(filter, message -> found.add(RetainedView.of(message)));
        found.sort(Comparator.comparing(RetainedView::topic));
        return found;
    }

    private void publish(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body cannot be read: " + e.getMessage());
        }
        if (request == null || !request.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with 'topic' and 'payload'");
        }
        JsonNode topicNode = request.get("topic");
        if (topicNode == null || !topicNode.isTextual() || !Topics.isValidTopicName(topicNode.asText())) {
            throw ApiException.badRequest("'topic' must be a topic name without wildcards");
        }
        int qos = request.path("qos").asInt(0);
        if (!request.path("qos").isMissingNode() && (!request.get("qos").isInt() || qos < 0 || qos > 2)) {
            throw ApiException.badRequest("'qos' must be 0, 1 or 2");
        }
        JsonNode payloadNode = request.path("payload");
        String encoding = request.path("encoding").asText("utf8");
        byte[] payload;
        if (encoding.equals("utf8")) {
            payload = payloadNode.asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (encoding.equals("base64")) {
            try {
                payload = Base64.getDecoder().decode(payloadNode.asText(""));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'payload' is not valid base64");
            }
        } else {
            throw ApiException.badRequest("'encoding' must be utf8 or base64, got '" + encoding + "'");
        }
        boolean retain = request.path("retain").asBoolean(false);
        core.publish(new Message(
                topicNode.asText(),
                qos,
                retain,
                Payload.wrap(payload),
                Properties.EMPTY,
                null,
                System.currentTimeMillis()));
    }

    private static String parameter(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /** One subscription row of {@code /api/subscriptions}. */
    record SubscriptionView(String clientId, String topicFilter, int qos) {}
}
