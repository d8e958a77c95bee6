package io.cicada.broker.auth.http;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cicada.broker.auth.Authorizer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Authorizes each PUBLISH topic and SUBSCRIBE filter by POSTing it to the authorization URL, keeping answers in a
 * bounded cache (allow and deny each with their own time to live; failures are not kept, so the next packet asks
 * again). Concurrent questions with the same key share one request. A client the authentication URL called a
 * superuser is allowed without asking. Thread-safe: {@link #publishVerdict} / {@link #subscribeVerdict} answer from
 * the cache on event loops; the stages of {@link #authorizePublish} / {@link #authorizeSubscribe} complete on the back
 * end's threads.
 */
public final class HttpAuthorizer implements Authorizer {

    private enum Action {
        PUBLISH,
        SUBSCRIBE
    }

    private record Key(Action action, String clientId, String username, String topic, int qos, boolean retain) {}

    /** A cached outcome; a failure is kept for no time at all, so that the next packet asks again. */
    private enum Outcome {
        ALLOWED,
        DENIED,
        FAILED
    }

    private final HttpDecisions decisions;
    private final URI url;
    private final FailurePolicy policy;
    private final boolean othersDecide;
    private final HttpAuthenticator superusers;
    private final AsyncCache<Key, Outcome> answers;

    HttpAuthorizer(
            HttpDecisions decisions, HttpAuthSettings settings, boolean othersDecide, HttpAuthenticator superusers) {
        this.decisions = decisions;
        this.url = Objects.requireNonNull(settings.authorizationUrl(), "authorizationUrl");
        this.policy = settings.failurePolicy();
        this.othersDecide = othersDecide;
        this.superusers = superusers;
        this.answers = Caffeine.newBuilder()
                .maximumSize(settings.cacheSize())
                .expireAfter(new ByAnswer(settings.allowTtl(), settings.denyTtl()))
                .buildAsync();
    }

    @Override
    public boolean asksRemotely() {
        return true;
    }

    /** The cached answer; false when there is none (the core asks {@link #publishVerdict} instead). */
    @Override
    public boolean mayPublish(String clientId, String username, String topic) {
        return publishVerdict(clientId, username, topic, 0, false) == Verdict.ALLOW;
    }

    /** The cached answer; false when there is none (the core asks {@link #subscribeVerdict} instead). */
    @Override
    public boolean maySubscribe(String clientId, String username, String topicFilter) {
        return subscribeVerdict(clientId, username, topicFilter, 0) == Verdict.ALLOW;
    }

    @Override
    public Verdict publishVerdict(String clientId, String username, String topic, int qos, boolean retain) {
        if (superuser(clientId, username)) {
            return Verdict.ALLOW;
        }
        return cached(new Key(Action.PUBLISH, clientId, username, topic, qos, retain));
    }

    @Override
    public Verdict subscribeVerdict(String clientId, String username, String topicFilter, int qos) {
        if (superuser(clientId, username)) {
            return Verdict.ALLOW;
        }
        return cached(new Key(Action.SUBSCRIBE, clientId, username, topicFilter, qos, false));
    }

    @Override
    public CompletionStage<Boolean> authorizePublish(
            String clientId, String username, String topic, int qos, boolean retain) {
        return ask(new Key(Action.PUBLISH, clientId, username, topic, qos, retain));
    }

    @Override
    public CompletionStage<Boolean> authorizeSubscribe(String clientId, String username, String topicFilter, int qos) {
        return ask(new Key(Action.SUBSCRIBE, clientId, username, topicFilter, qos, false));
    }

    private boolean superuser(String clientId, String username) {
        return superusers != null && superusers.isSuperuser(clientId, username);
    }

    private Verdict cached(Key key) {
        CompletableFuture<Outcome> answer = answers.getIfPresent(key);
        Outcome outcome = answer == null ? null : answer.getNow(null);
        if (outcome == null || outcome == Outcome.FAILED) {
            return Verdict.UNKNOWN;
        }
        return Verdict.of(outcome == Outcome.ALLOWED);
    }

    private CompletionStage<Boolean> ask(Key key) {
        if (superuser(key.clientId(), key.username())) {
            return CompletableFuture.completedFuture(true);
        }
        return answers.get(key, (k, executor) -> request(k))
                .thenApply(outcome -> outcome == Outcome.FAILED ? onFailure() : outcome == Outcome.ALLOWED);
    }

    /** Asks the service; never fails (a failure is the FAILED outcome, logged by {@link HttpDecisions}). */
    private CompletableFuture<Outcome> request(Key key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientid", key.clientId());
        body.put("username", key.username());
        body.put("topic", key.topic());
        body.put("action", key.action() == Action.PUBLISH ? "publish" : "subscribe");
        body.put("qos", key.qos());
        body.put("retain", key.retain());
        return decisions.ask(url, body).handle((answer, error) -> {
            if (error != null) {
                return Outcome.FAILED;
            }
            boolean allowed =
                    switch (answer.result()) {
                        case ALLOW -> true;
                        case DENY -> false;
                        case IGNORE -> othersDecide;
                    };
            return allowed ? Outcome.ALLOWED : Outcome.DENIED;
        });
    }

    private boolean onFailure() {
        return switch (policy) {
            case ALLOW -> true;
            case DENY -> false;
            case NEXT -> othersDecide;
        };
    }

    /** Allow answers live for one time, deny answers for another. */
    private static final class ByAnswer implements Expiry<Key, Outcome> {
        private final long allowNanos;
        private final long denyNanos;

        ByAnswer(Duration allow, Duration deny) {
            this.allowNanos = allow.toNanos();
            this.denyNanos = deny.toNanos();
        }

        @Override
        public long expireAfterCreate(Key key, Outcome outcome, long currentTime) {
            return lifetime(outcome);
        }

        @Override
        public long expireAfterUpdate(Key key, Outcome outcome, long currentTime, long currentDuration) {
            return lifetime(outcome);
        }

        private long lifetime(Outcome outcome) {
            return switch (outcome) {
                case ALLOWED -> allowNanos;
                case DENIED -> denyNanos;
                case FAILED -> 0;
            };
        }

        @Override
        public long expireAfterRead(Key key, Outcome outcome, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
