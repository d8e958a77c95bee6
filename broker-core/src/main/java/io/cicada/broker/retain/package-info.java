/**
 * Retained messages: the rules of the RETAIN flag and message expiry ({@link io.cicada.broker.retain.RetainedMessages})
 * over a storage port ({@link io.cicada.broker.retain.RetainedStore}) with an in-memory implementation that matches
 * topic filters through a trie of topic levels. A leaf package: it imports only {@code message} and the codec.
 */
package io.cicada.broker.retain;
