/**
 * The broker core: MQTT protocol behaviour in plain Java, entered through {@link io.cicada.broker.BrokerCore} (the
 * transport's {@code ConnectionAcceptor}) and configured by {@link io.cicada.broker.BrokerSettings}. Threading is
 * described in {@code docs/concurrency.md}.
 */
package io.cicada.broker;
