package io.cicada.broker.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and updates entries of a Mosquitto password file, keeping every other line (comments, other users) as it
 * was; the API behind {@code cicada passwd}. Not thread-safe: one editor per command.
 *
 * <pre>{@code
 * PasswordFileEditor.open(path)                       // an empty file when it does not exist yet
 *         .set("alice", "secret", PasswordHash.Algorithm.ARGON2ID)
 *         .remove("bob")
 *         .save();                                      // atomic replace, mode 0600 on POSIX
 * }</pre>
 */
public final class PasswordFileEditor {

    private final Path path;
    private final List<String> lines;

    private PasswordFileEditor(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    /**
     * Opens {@code path} for editing; a missing file starts empty. Bad entries already in the file are refused, so
     * that an edit never silently keeps a broken line.
     */
    public static PasswordFileEditor open(Path path) {
        List<String> lines = new ArrayList<>();
        if (Files.exists(path)) {
            try {
                lines.addAll(Files.readAllLines(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PasswordFileException("cannot read password file " + path + ": " + e.getMessage(), e);
            }
            PasswordFile.parse(path, lines);
        }
        return new PasswordFileEditor(path, lines);
    }

    /**
     * Hashes in place every plain-text password of {@code path}, as {@code mosquitto_passwd -U} does: a
     * {@code user:password} line whose password is not already a {@code $6$}, {@code $7$} or {@code $argon2id$} hash
     * gets one made with {@code algorithm}; comments, blank lines and hashed entries stay as they are. Run it once:
     * a plain-text password that happens to look like a hash is left alone. Returns the number of passwords hashed.
     *
     * @throws PasswordFileException when the file cannot be read or written, or a line is not {@code user:password}
     */
    public static int hashPlainTextPasswords(Path path, PasswordHash.Algorithm algorithm) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PasswordFileException("cannot read password file " + path + ": " + e.getMessage(), e);
        }
        int hashed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).endsWith("\r")
                    ? lines.get(i).substring(0, lines.get(i).length() - 1)
                    : lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new PasswordFileException(path + ":" + (i + 1) + ": expected 'user:password'");
            }
            String secret = line.substring(colon + 1);
            try {
                PasswordHash.parse(secret);
            } catch (IllegalArgumentException plainText) {
                lines.set(
                        i,
                        line.substring(0, colon + 1)
                                + PasswordHash.create(secret, algorithm).encode());
                hashed++;
            }
        }
        PasswordFile.parse(path, lines);
        new PasswordFileEditor(path, lines).save();
        return hashed;
    }

    /** Adds {@code username} or replaces its password, hashed with {@code algorithm}'s strong defaults. */
    public PasswordFileEditor set(String username, String password, PasswordHash.Algorithm algorithm) {
        checkUsername(username);
        String entry = username + ":" + PasswordHash.create(password, algorithm).encode();
        int index = indexOf(username);
        if (index >= 0) {
            lines.set(index, entry);
        } else {
            lines.add(entry);
        }
        return this;
    }

    /** Removes {@code username}; returns whether it was there. */
    public boolean remove(String username) {
        int index = indexOf(username);
        if (index >= 0) {
            lines.remove(index);
            return true;
        }
        return false;
    }

    /** Whether {@code username} has an entry. */
    public boolean contains(String username) {
        return indexOf(username) >= 0;
    }

    /** Writes the file: to a temporary file next to it, then an atomic rename; owner-only permissions on POSIX. */
    public void save() {
        Path absolute = path.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(absolute.getParent(), ".passwd", ".tmp");
            try {
                restrictToOwner(temp);
                Files.write(temp, lines, StandardCharsets.UTF_8);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PasswordFileException("cannot write password file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private int indexOf(String username) {
        String prefix = username + ":";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkUsername(String username) {
        if (username.isEmpty()
                || username.indexOf(':') >= 0
                || username.indexOf('\n') >= 0
                || username.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a user name must be non-empty, without ':' or line breaks");
        }
    }
}
