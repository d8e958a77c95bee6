package io.cicada.broker.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of a Mosquitto password file ({@code user:hash}, one a line), read once into memory. Immutable and
 * thread-safe; a reload builds a new instance. Blank lines and lines starting with {@code #} are skipped, as Mosquitto
 * does.
 */
public final class PasswordFile {

    private final Path path;
    private final Map<String, PasswordHash> users;

    private PasswordFile(Path path, Map<String, PasswordHash> users) {
        this.path = path;
        this.users = Map.copyOf(users);
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws PasswordFileException with the file and line of the first bad entry, or the read error
     */
    public static PasswordFile load(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PasswordFileException("cannot read password file " + path + ": " + e.getMessage(), e);
        }
        return parse(path, lines);
    }

    static PasswordFile parse(Path path, List<String> lines) {
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripLineEnd(lines.get(i));
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new PasswordFileException(path + ":" + (i + 1) + ": expected 'user:hash'");
            }
            String user = line.substring(0, colon);
            try {
                users.put(user, PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new PasswordFileException(path + ":" + (i + 1) + ": user '" + user + "': " + e.getMessage());
            }
        }
        return new PasswordFile(path, users);
    }

    private static String stripLineEnd(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Whether {@code username} is listed with a hash that {@code password} matches. Slow by design. */
    public boolean verify(String username, byte[] password) {
        PasswordHash hash = users.get(username);
        return hash != null && password != null && hash.matches(password);
    }

    public boolean contains(String username) {
        return users.containsKey(username);
    }

    public int size() {
        return users.size();
    }

    public Path path() {
        return path;
    }
}
