package io.cicada.cli.passwd;

import io.cicada.broker.auth.password.PasswordFileEditor;
import io.cicada.broker.auth.password.PasswordFileException;
import io.cicada.broker.auth.password.PasswordHash;
import io.cicada.cli.ExitCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cicada passwd}: adds, updates and deletes users of a password file, as {@code mosquitto_passwd} does, with
 * the broker's own {@link PasswordFileEditor} (other lines stay as they were; the file is replaced atomically with
 * owner-only permissions). The password comes from {@code -b}, the terminal (asked twice) or, without a terminal,
 * the first line of standard input. Runs on the main thread.
 */
@Command(
        name = "passwd",
        description = "Manage a password file (flags as mosquitto_passwd).",
        footer = "%nExamples:%n  cicada passwd -c /etc/cicada/passwd alice          (create the file, ask for the"
                + " password)%n  cicada passwd -b /etc/cicada/passwd bob s3cret%n  cicada passwd -D"
                + " /etc/cicada/passwd bob%n  cicada passwd -U /etc/cicada/passwd                (hash every plain-text"
                + " password)%n%nExit codes: 0 done, 1 error (file unreadable or not a password file,"
                + " user not found, passwords differ), 2 bad usage.",
        sortOptions = false)
public final class PasswdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "-c", description = "Create the file, replacing any existing one.")
    boolean create;

    @Option(names = "-D", description = "Delete the user.")
    boolean delete;

    @Option(names = "-b", description = "Batch mode: the password is the last argument.")
    boolean batch;

    @Option(
            names = "-U",
            description = "Hash every plain-text password of FILE in place (as mosquitto_passwd -U); run it once.")
    boolean upgrade;

    @Option(
            names = "-H",
            paramLabel = "HASH",
            description = "sha512-pbkdf2 (Mosquitto 2.0's $7$, the default) or argon2id.")
    String hash = "sha512-pbkdf2";

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "USER", description = "Not with -U.")
    String user;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PASSWORD", description = "With -b only.")
    String password;

    private final InputStream stdin;

    public PasswdCommand() {
        this(System.in);
    }

    PasswdCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PasswordHash.Algorithm algorithm = algorithm();
        if (upgrade) {
            return upgrade(algorithm);
        }
        if (user == null) {
            throw usage("missing the user name (USER)");
        }
        if (create && delete) {
            throw usage("-c and -D cannot go together");
        }
        if (batch != (password != null)) {
            throw usage(batch ? "-b needs the password as the last argument" : "a password argument needs -b");
        }
        try {
            if (create) {
                Files.deleteIfExists(file);
            } else if (!Files.exists(file)) {
                return fail("password file " + file + " does not exist (use -c to create it)");
            }
            PasswordFileEditor editor = PasswordFileEditor.open(file);
            if (delete) {
                if (!editor.remove(user)) {
                    return fail("user " + user + " not found in " + file);
                }
            } else {
                String secret = batch ? password : readPassword();
                if (secret == null) {
                    return ExitCode.ERROR;
                }
                editor.set(user, secret, algorithm);
            }
            editor.save();
            return ExitCode.OK;
        } catch (PasswordFileException | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    /** {@code -U}: hashes the plain-text passwords of the file in place. */
    private int upgrade(PasswordHash.Algorithm algorithm) {
        if (create || delete || batch || user != null) {
            throw usage("-U takes only the file (and -H)");
        }
        if (!Files.exists(file)) {
            return fail("password file " + file + " does not exist");
        }
        try {
            PasswordFileEditor.hashPlainTextPasswords(file, algorithm);
            return ExitCode.OK;
        } catch (PasswordFileException e) {
            return fail(e.getMessage());
        }
    }

    private PasswordHash.Algorithm algorithm() {
        return switch (hash.toLowerCase(Locale.ROOT)) {
            case "sha512-pbkdf2", "pbkdf2" -> PasswordHash.Algorithm.PBKDF2_SHA512;
            case "argon2id" -> PasswordHash.Algorithm.ARGON2ID;
            default -> throw usage("-H " + hash + ": expected sha512-pbkdf2 or argon2id");
        };
    }

    /** From the terminal, asked twice; without one, the first line of standard input. Null after a mismatch. */
    private String readPassword() throws IOException {
        Console console = System.console();
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                fail("no password on standard input");
                return null;
            }
            return line;
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Reenter password: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                fail("passwords do not match");
                return null;
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("cicada passwd: " + message);
        spec.commandLine().getErr().flush();
        return ExitCode.ERROR;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
