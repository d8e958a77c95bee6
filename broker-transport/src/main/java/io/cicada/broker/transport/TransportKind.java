package io.cicada.broker.transport;

import io.netty.channel.epoll.Epoll;
import java.util.Locale;

/**
 * Which Netty I/O transport runs the event loops: native epoll on Linux, or Java NIO anywhere. Immutable.
 */
public enum TransportKind {
    /** Epoll when the native library loads, NIO otherwise. */
    AUTO,
    /** Native epoll; start-up fails when it is not available. */
    EPOLL,
    /** Java NIO. */
    NIO;

    /** The configuration spelling: {@code auto}, {@code epoll} or {@code nio}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The concrete transport to use: {@link #EPOLL} or {@link #NIO}, never {@link #AUTO}.
     *
     * @throws TransportStartException when epoll is requested explicitly and not available
     */
    public TransportKind resolve() {
        return switch (this) {
            case AUTO -> Epoll.isAvailable() ? EPOLL : NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new TransportStartException("transport 'epoll' is not available on this machine ("
                            + Epoll.unavailabilityCause() + "); use 'auto' or 'nio'");
                }
                yield EPOLL;
            }
            case NIO -> NIO;
        };
    }
}
