/**
 * Sessions: the state a client id keeps across connections (subscriptions, in-flight window, queue), their registry
 * with takeover and expiry, and the {@link io.cicada.broker.session.SessionStore} port.
 */
package io.cicada.broker.session;
