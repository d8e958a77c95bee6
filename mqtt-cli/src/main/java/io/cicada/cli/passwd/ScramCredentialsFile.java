package io.cicada.cli.passwd;

import io.cicada.broker.auth.ScramCredential;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code scram_credentials_file} being edited: one {@code user:METHOD:iterations:salt:storedKey:serverKey} line per
 * user and method, derived by {@link ScramCredential#derive}; comments, blank lines and other users' lines stay as
 * they were. {@link #save} replaces the file atomically with owner-only permissions. Used by {@code cicada passwd
 * --scram} on the main thread.
 */
final class ScramCredentialsFile {
    private final Path file;
    private final List<String> lines;

    private ScramCredentialsFile(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Reads {@code file}, or starts an empty one when it does not exist. */
    static ScramCredentialsFile open(Path file) throws IOException {
        List<String> lines = Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>();
        return new ScramCredentialsFile(file, lines);
    }

    /** Adds or replaces the credential of {@code user} for {@code hash}. */
    void set(String user, String password, ScramHash hash, int iterations) {
        if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
            throw new IllegalArgumentException("a SCRAM user name cannot be empty or contain ':'");
        }
        String line = ScramCredential.derive(user, password, hash, iterations).format();
        int at = indexOf(user, hash);
        if (at < 0) {
            lines.add(line);
        } else {
            lines.set(at, line);
        }
    }

    /** Removes the credential of {@code user} for {@code hash}; false when there is none. */
    boolean remove(String user, ScramHash hash) {
        int at = indexOf(user, hash);
        if (at < 0) {
            return false;
        }
        lines.remove(at);
        return true;
    }

    void save() throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".scram", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX modes: keep its default
            }
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private int indexOf(String user, ScramHash hash) {
        String prefix = user + ":" + hash.method() + ":";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
