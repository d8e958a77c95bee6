package io.cicada.broker.routing;

/** A test subscriber; being a record it has value equality, which the tree must ignore in favour of identity. */
record NamedSubscriber(String clientId) implements Subscriber {}
