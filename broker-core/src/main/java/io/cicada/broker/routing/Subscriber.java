package io.cicada.broker.routing;

/**
 * A party that holds subscriptions in the {@link TopicTree}: implemented by the core's session. The tree never calls
 * it; it compares subscribers by identity ({@code ==}, never {@code equals}), so two subscribers with the same client
 * id are different subscribers. Implementations decide their own thread-safety.
 */
public interface Subscriber {

    /** The client identifier of the session, for logs and No Local checks. */
    String clientId();
}
