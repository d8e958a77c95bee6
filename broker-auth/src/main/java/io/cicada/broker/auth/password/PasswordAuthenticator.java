package io.cicada.broker.auth.password;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.ConnectCredentials;
import io.cicada.mqtt.packet.ReasonCode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates CONNECTs against a Mosquitto password file, as Mosquitto does: a client with a user name must be
 * listed and give the matching password; a client without one is left to the anonymous-access setting. Hashing is slow
 * by design, so it runs on the {@code hashing} executor and the event loop only gets the result. The file is held in
 * a volatile field that {@link #reload()} replaces; safe from any thread.
 */
public final class PasswordAuthenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(PasswordAuthenticator.class);
    private static final CompletionStage<Integer> ANONYMOUS = CompletableFuture.completedFuture(ReasonCode.SUCCESS);

    private final Path path;
    private final Executor hashing;
    private volatile PasswordFile file;

    /**
     * Loads {@code path} now.
     *
     * @throws PasswordFileException when the file cannot be read or has a bad entry (start-up fails)
     */
    public PasswordAuthenticator(Path path, Executor hashing) {
        this.path = Objects.requireNonNull(path, "path");
        this.hashing = Objects.requireNonNull(hashing, "hashing");
        this.file = PasswordFile.load(path);
        log.info("password file {} loaded: {} users", path, file.size());
    }

    @Override
    public CompletionStage<Integer> authenticate(ConnectCredentials credentials) {
        String username = credentials.username();
        if (username == null) {
            return ANONYMOUS;
        }
        PasswordFile current = file;
        byte[] password = credentials.password();
        try {
            return CompletableFuture.supplyAsync(
                    () -> current.verify(username, password)
                            ? ReasonCode.SUCCESS
                            : ReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    hashing);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ReasonCode.SERVER_BUSY);
        }
    }

    /**
     * Reads the file again. A file that cannot be read or parsed keeps the previous users (logged), so that a typo
     * while editing never locks everyone out. Returns whether the new file is in use.
     */
    public boolean reload() {
        try {
            PasswordFile loaded = PasswordFile.load(path);
            file = loaded;
            log.info("password file {} reloaded: {} users", path, loaded.size());
            return true;
        } catch (PasswordFileException e) {
            log.warn("password file not reloaded, keeping the previous users: {}", e.getMessage());
            return false;
        }
    }

    public Path path() {
        return path;
    }
}
