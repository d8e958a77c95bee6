/**
 * The network edge of the broker: Netty listeners that accept client sockets, the one channel pipeline (decoder,
 * encoder, {@link io.cicada.broker.transport.MqttChannelHandler}) and {@link io.cicada.broker.transport.ChannelOutbound},
 * through which the core writes to a socket. Protocol behaviour lives in the core; this package only moves packets
 * between sockets and the core's {@link io.cicada.broker.connection.Inbound} / {@link
 * io.cicada.broker.connection.Outbound} ports.
 */
package io.cicada.broker.transport;
