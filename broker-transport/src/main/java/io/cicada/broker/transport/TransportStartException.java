package io.cicada.broker.transport;

/**
 * Why the transport could not start, in one line fit for an operator, such as {@code cannot listen on
 * 127.0.0.1:1883: address already in use}. The message never needs the stack trace to be understood.
 */
public final class TransportStartException extends RuntimeException {

    public TransportStartException(String message) {
        super(message);
    }

    public TransportStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
