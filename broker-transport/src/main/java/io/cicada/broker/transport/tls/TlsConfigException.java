package io.cicada.broker.transport.tls;

/** TLS settings that cannot be used: a missing or unreadable file, a bad key or certificate, a missing provider. */
public final class TlsConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
