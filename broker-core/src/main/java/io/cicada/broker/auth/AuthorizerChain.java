package io.cicada.broker.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Several authorizers that must all allow (the ACL file, token claims, the HTTP back end, plugins): the first refusal
 * wins, and a remote answer is asked only when every answer from memory allows. Immutable and thread-safe.
 */
public final class AuthorizerChain implements Authorizer {

    private final Authorizer[] all;
    private final boolean remote;

    private AuthorizerChain(List<Authorizer> all) {
        this.all = all.toArray(new Authorizer[0]);
        boolean any = false;
        for (Authorizer authorizer : this.all) {
            any |= authorizer.asksRemotely();
        }
        this.remote = any;
    }

    /** One authorizer that allows what every one of {@code all} allows; the only one when there is one. */
    public static Authorizer of(List<Authorizer> all) {
        if (all.isEmpty()) {
            return Authorizer.allowAll();
        }
        return all.size() == 1 ? all.get(0) : new AuthorizerChain(all);
    }

    @Override
    public boolean mayPublish(String clientId, String username, String topic) {
        for (Authorizer authorizer : all) {
            if (!authorizer.mayPublish(clientId, username, topic)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean maySubscribe(String clientId, String username, String topicFilter) {
        for (Authorizer authorizer : all) {
            if (!authorizer.maySubscribe(clientId, username, topicFilter)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean asksRemotely() {
        return remote;
    }

    @Override
    public Verdict publishVerdict(String clientId, String username, String topic, int qos, boolean retain) {
        Verdict verdict = Verdict.ALLOW;
        for (Authorizer authorizer : all) {
            verdict = verdict.and(authorizer.publishVerdict(clientId, username, topic, qos, retain));
            if (verdict == Verdict.DENY) {
                return verdict;
            }
        }
        return verdict;
    }

    @Override
    public Verdict subscribeVerdict(String clientId, String username, String topicFilter, int qos) {
        Verdict verdict = Verdict.ALLOW;
        for (Authorizer authorizer : all) {
            verdict = verdict.and(authorizer.subscribeVerdict(clientId, username, topicFilter, qos));
            if (verdict == Verdict.DENY) {
                return verdict;
            }
        }
        return verdict;
    }

    @Override
    public CompletionStage<Boolean> authorizePublish(
            String clientId, String username, String topic, int qos, boolean retain) {
        List<CompletionStage<Boolean>> asked = new ArrayList<>();
        for (Authorizer authorizer : all) {
            Verdict verdict = authorizer.publishVerdict(clientId, username, topic, qos, retain);
            if (verdict == Verdict.DENY) {
                return CompletableFuture.completedFuture(false);
            }
            if (verdict == Verdict.UNKNOWN) {
                asked.add(authorizer.authorizePublish(clientId, username, topic, qos, retain));
            }
        }
        return allTrue(asked);
    }

    @Override
    public CompletionStage<Boolean> authorizeSubscribe(String clientId, String username, String topicFilter, int qos) {
        List<CompletionStage<Boolean>> asked = new ArrayList<>();
        for (Authorizer authorizer : all) {
            Verdict verdict = authorizer.subscribeVerdict(clientId, username, topicFilter, qos);
            if (verdict == Verdict.DENY) {
                return CompletableFuture.completedFuture(false);
            }
            if (verdict == Verdict.UNKNOWN) {
                asked.add(authorizer.authorizeSubscribe(clientId, username, topicFilter, qos));
            }
        }
        return allTrue(asked);
    }

    /** Completes with true when every stage does (they run side by side); a failed stage fails the result. */
    private static CompletionStage<Boolean> allTrue(List<CompletionStage<Boolean>> stages) {
        CompletionStage<Boolean> result = CompletableFuture.completedFuture(true);
        for (CompletionStage<Boolean> stage : stages) {
            result = result.thenCombine(stage, (a, b) -> a && b);
        }
        return result;
    }
}
