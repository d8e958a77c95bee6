package io.cicada.server;

import io.cicada.broker.auth.ScramAuthentication;
import io.cicada.broker.auth.ScramCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SCRAM credentials file ({@code scram_credentials_file}): one {@link ScramCredential} line per user and
 * method, blank lines and {@code #} comments ignored. Used once at start-up, on the starting thread.
 */
final class ScramCredentialsFile {
    private ScramCredentialsFile() {}

    /** The SCRAM methods over the file's credentials; a bad line fails start-up with the file and line number. */
    static ScramAuthentication load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scram_credentials_file " + file, e);
        }
        List<ScramCredential> credentials = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                credentials.add(ScramCredential.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new ScramAuthentication(credentials);
    }
}
