package io.cicada.broker.auth.acl;

import io.cicada.broker.auth.Authorizer;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes PUBLISH and SUBSCRIBE against a Mosquitto ACL file. The parsed file sits in a volatile field that
 * {@link #reload()} replaces, so connected clients are checked against the new rules from their next packet on.
 * Called on event loops; never blocks.
 */
public final class AclAuthorizer implements Authorizer {

    private static final Logger log = LoggerFactory.getLogger(AclAuthorizer.class);

    private final Path path;
    private volatile AclFile file;

    /**
     * Loads {@code path} now.
     *
     * @throws AclFileException when the file cannot be read or has a bad line (start-up fails)
     */
    public AclAuthorizer(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        this.file = AclFile.load(path);
        log.info("ACL file {} loaded: {} rules", path, file.ruleCount());
    }

    @Override
    public boolean mayPublish(String clientId, String username, String topic) {
        return file.mayPublish(clientId, username, topic);
    }

    @Override
    public boolean maySubscribe(String clientId, String username, String topicFilter) {
        return file.maySubscribe(clientId, username, topicFilter);
    }

    /** Reads the file again; a bad file keeps the previous rules (logged). Returns whether the new rules apply. */
    public boolean reload() {
        try {
            AclFile loaded = AclFile.load(path);
            file = loaded;
            log.info("ACL file {} reloaded: {} rules", path, loaded.ruleCount());
            return true;
        } catch (AclFileException e) {
            log.warn("ACL file not reloaded, keeping the previous rules: {}", e.getMessage());
            return false;
        }
    }

    public Path path() {
        return path;
    }
}
