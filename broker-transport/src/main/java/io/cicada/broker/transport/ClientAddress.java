package io.cicada.broker.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address of the real client behind a channel: the socket's peer, unless a PROXY protocol header or a trusted
 * proxy's {@code X-Forwarded-For} named another one. Stored as a channel attribute by the handler that learns it, on
 * the channel's event loop; read by {@link MqttChannelHandler} when the connection is handed to the core. Also the
 * user event that tells {@link MqttChannelHandler} the channel is ready for MQTT (the PROXY header or WebSocket
 * handshake is done).
 */
final class ClientAddress {

    /** The real client, when it differs from the socket's peer. */
    static final AttributeKey<Known> KEY = AttributeKey.valueOf("cicada.clientAddress");

    /** A client address learnt from a header: an IP address and a port, or -1 when the header named none. */
    record Known(String host, int port) {
        String hostPort() {
            return port < 0 ? host : TransportServer.hostPort(host, port);
        }
    }

    /** Fired through the pipeline when MQTT bytes may flow. */
    static final Object READY = new Object() {
        @Override
        public String toString() {
            return "ClientAddress.READY";
        }
    };

    private ClientAddress() {}

    /** The real client's {@code host:port} (only {@code host} when a header named no port). */
    static String of(Channel channel) {
        Known known = channel.attr(KEY).get();
        return known != null ? known.hostPort() : format(channel.remoteAddress());
    }

    /** The IP address (no port) of the real client as known so far. */
    static String host(Channel channel) {
        Known known = channel.attr(KEY).get();
        if (known != null) {
            return known.host();
        }
        SocketAddress address = channel.remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** {@code host:port} of a socket address, with brackets around an IPv6 host. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            return TransportServer.hostPort(host, inet.getPort());
        }
        return String.valueOf(address);
    }
}
