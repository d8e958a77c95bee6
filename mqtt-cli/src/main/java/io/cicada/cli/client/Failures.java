package io.cicada.cli.client;

import io.cicada.cli.ExitCode;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong into the one-line message and exit code a script sees ({@link ExitCode}). Stateless.
 */
public final class Failures {
    private Failures() {}

    /** The exit code for {@code failure}. */
    public static int exitCode(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MqttRefusedException refused) {
            return refused.getMessage().startsWith("connection refused") ? ExitCode.REFUSED : ExitCode.REJECTED;
        }
        if (cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof SSLException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return ExitCode.UNREACHABLE;
        }
        return ExitCode.ERROR;
    }

    /** One line saying what went wrong, such as {@code connection refused: not authorized (0x87)}. */
    public static String message(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MqttRefusedException) {
            return cause.getMessage();
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host: " + cause.getMessage();
        }
        if (cause instanceof ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "cannot connect: " + firstLine(cause);
        }
        if (cause instanceof SSLException) {
            return "TLS handshake failed: " + firstLine(cause);
        }
        if (cause instanceof IOException) {
            return firstLine(cause);
        }
        return cause.getClass().getSimpleName() + ": " + firstLine(cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException
                        || cause instanceof ExecutionException
                        || cause instanceof DecoderException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
