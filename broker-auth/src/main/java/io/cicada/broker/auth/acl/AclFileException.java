package io.cicada.broker.auth.acl;

/** An ACL file that cannot be read or has a bad line; the message names the file and line. */
public final class AclFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AclFileException(String message) {
        super(message);
    }

    public AclFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
