package io.cicada.cli;

/**
 * The exit codes of {@code cicada pub | sub | rr | bench}, documented in each command's help so scripts can rely on
 * them. {@link #TIMED_OUT} is 27, as for {@code mosquitto_sub -W}. Constants only.
 */
public final class ExitCode {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Any other failure: the connection was lost, a file could not be read, a bench count did not match. */
    public static final int ERROR = 1;
    /** Bad flags (picocli's usage error code). */
    public static final int USAGE = 2;
    /** The broker could not be reached (no listener, DNS, TLS handshake). */
    public static final int UNREACHABLE = 3;
    /** The broker refused the connection (CONNACK with a failure code). */
    public static final int REFUSED = 4;
    /** The broker refused a publish or a subscription (an acknowledgement with a failure code). */
    public static final int REJECTED = 5;
    /** {@code -W} seconds passed before the command was done. */
    public static final int TIMED_OUT = 27;

    /** The text appended to each command's help. */
    public static final String HELP = "%nExit codes: 0 done, 1 error (connection lost, I/O), 2 bad usage, 3 broker"
            + " unreachable, 4 connection refused by the broker, 5 publish/subscription refused, 27 timed out (-W).";

    private ExitCode() {}
}
