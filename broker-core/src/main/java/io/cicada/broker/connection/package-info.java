/**
 * One client connection's protocol behaviour: the state machine in {@link io.cicada.broker.connection.Connection},
 * whose {@code receive} dispatches every packet to a flow (connect, publish, subscribe, unsubscribe), the keep-alive,
 * and the transport contracts ({@code Inbound}, {@code Outbound}, {@code ConnectionAcceptor}). Plain Java: no Netty.
 */
package io.cicada.broker.connection;
