package io.cicada.broker.persistence;

/** The data directory cannot be opened or read back: start-up stops with this message; nothing is ever wiped. */
public final class StoreCorruptException extends RuntimeException {
    public StoreCorruptException(String message) {
        super(message);
    }

    public StoreCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
