package io.cicada.broker.auth.password;

/** A password file that cannot be read or has a bad entry; the message names the file and line. */
public final class PasswordFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PasswordFileException(String message) {
        super(message);
    }

    public PasswordFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
