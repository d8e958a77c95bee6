package io.cicada.broker.auth;

/**
 * Decides what an authenticated client may publish and subscribe to. Implementations are thread-safe and fast (they
 * are called on event loops for every PUBLISH and SUBSCRIBE), so they must not block.
 */
public interface Authorizer {

    /** Whether the client may publish to {@code topic}; also asked for the will topic at CONNECT. */
    boolean mayPublish(String clientId, String username, String topic);

    /** Whether the client may subscribe to {@code topicFilter}. */
    boolean maySubscribe(String clientId, String username, String topicFilter);

    /** Allows everything. */
    static Authorizer allowAll() {
        return new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return true;
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return true;
            }
        };
    }
}
