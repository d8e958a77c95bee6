/**
 * The runnable broker: {@link io.cicada.server.Broker}, the embeddable API (start a broker in a test or an
 * application with a few lines), and {@code BrokerAssembly}, the one place where every part of a running broker is
 * created and wired, in start order.
 */
package io.cicada.server;
