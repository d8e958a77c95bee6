package io.cicada.server.config;

import io.cicada.admin.AdminSettings;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.auth.jwt.JwtSettings;
import io.cicada.broker.persistence.PersistenceSettings;
import io.cicada.broker.persistence.SyncPolicy;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportKind;
import io.cicada.broker.transport.TransportSettings;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.server.security.SecuritySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server needs to run a broker: the transport's listeners and buffers, and the core's protocol
 * settings. Immutable; read by {@link ConfigLoader} or built in code by embedders.
 *
 * @param transport listeners, I/O transport and write buffer water marks
 * @param broker the core's protocol settings
 * @param shutdownTimeout how long a graceful close may take in all
 * @param security TLS, password and ACL files, anonymous access
 * @param admin the admin HTTP API and metrics listener
 * @param mqtt5 the MQTT 5 feature policies (shared subscription strategy, ...)
 * @param persistence memory or durable storage, and how durable
 */
public record ServerConfig(
        TransportSettings transport,
        BrokerSettings broker,
        Duration shutdownTimeout,
        SecuritySettings security,
        AdminSettings admin,
        Mqtt5Settings mqtt5,
        PersistenceSettings persistence) {

    /** Default bound on a graceful shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    public ServerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(mqtt5, "mqtt5");
        Objects.requireNonNull(persistence, "persistence");
    }

    /** Default security, no admin listener, default MQTT 5 policies, memory mode. */
    public ServerConfig(TransportSettings transport, BrokerSettings broker, Duration shutdownTimeout) {
        this(transport, broker, shutdownTimeout, SecuritySettings.defaults());
    }

    /** Without the admin listener, default MQTT 5 policies, memory mode. */
    public ServerConfig(
            TransportSettings transport, BrokerSettings broker, Duration shutdownTimeout, SecuritySettings security) {
        this(transport, broker, shutdownTimeout, security, AdminSettings.defaults());
    }

    /** Default MQTT 5 policies, memory mode. */
    public ServerConfig(
            TransportSettings transport,
            BrokerSettings broker,
            Duration shutdownTimeout,
            SecuritySettings security,
            AdminSettings admin) {
        this(
                transport,
                broker,
                shutdownTimeout,
                security,
                admin,
                Mqtt5Settings.defaults(),
                PersistenceSettings.memory());
    }

    /** Default security, no admin listener, memory mode. */
    public ServerConfig(
            TransportSettings transport, BrokerSettings broker, Duration shutdownTimeout, Mqtt5Settings mqtt5) {
        this(transport, broker, shutdownTimeout, mqtt5, PersistenceSettings.memory());
    }

    /** Default security, no admin listener. */
    public ServerConfig(
            TransportSettings transport,
            BrokerSettings broker,
            Duration shutdownTimeout,
            Mqtt5Settings mqtt5,
            PersistenceSettings persistence) {
        this(
                transport,
                broker,
                shutdownTimeout,
                SecuritySettings.defaults(),
                AdminSettings.defaults(),
                mqtt5,
                persistence);
    }

    public ServerConfig withPersistence(PersistenceSettings newPersistence) {
        return new ServerConfig(transport, broker, shutdownTimeout, security, admin, mqtt5, newPersistence);
    }

    /** What the broker runs with when no file is given: the values documented in {@code conf/cicada.yaml}. */
    public static ServerConfig defaults() {
        return new ServerConfig(TransportSettings.defaults(), BrokerSettings.defaults(), DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public ServerConfig withTransport(TransportSettings newTransport) {
        return new ServerConfig(newTransport, broker, shutdownTimeout, security, admin, mqtt5, persistence);
    }

    public ServerConfig withBroker(BrokerSettings newBroker) {
        return new ServerConfig(transport, newBroker, shutdownTimeout, security, admin, mqtt5, persistence);
    }

    public ServerConfig withShutdownTimeout(Duration newTimeout) {
        return new ServerConfig(transport, broker, newTimeout, security, admin, mqtt5, persistence);
    }

    public ServerConfig withSecurity(SecuritySettings newSecurity) {
        return new ServerConfig(transport, broker, shutdownTimeout, newSecurity, admin, mqtt5, persistence);
    }

    public ServerConfig withAdmin(AdminSettings newAdmin) {
        return new ServerConfig(transport, broker, shutdownTimeout, security, newAdmin, mqtt5, persistence);
    }

    public ServerConfig withMqtt5(Mqtt5Settings newMqtt5) {
        return new ServerConfig(transport, broker, shutdownTimeout, security, admin, newMqtt5, persistence);
    }

    /**
     * This configuration with the first listener moved to {@code host} and/or {@code port} (null keeps the current
     * value); what {@code --host} / {@code --port} do.
     */
    public ServerConfig withFirstListenerAddress(String host, Integer port) {
        List<ListenerSettings> listeners = new ArrayList<>(transport.listeners());
        ListenerSettings first = listeners.get(0);
        listeners.set(0, first.withAddress(host == null ? first.host() : host, port == null ? first.port() : port));
        return withTransport(transport.withListeners(listeners));
    }

    /**
     * Mutable collector used while the layers (file, environment, flags) are applied; starts from the defaults. Not
     * thread-safe.
     */
    static final class Builder {
        List<ListenerSettings> listeners =
                new ArrayList<>(TransportSettings.defaults().listeners());
        TransportKind kind = TransportKind.AUTO;
        int writeBufferLowWaterMark = TransportSettings.DEFAULT_LOW_WATER_MARK;
        int writeBufferHighWaterMark = TransportSettings.DEFAULT_HIGH_WATER_MARK;
        final BrokerSettings.Builder broker = BrokerSettings.builder();
        /** TLS settings of the listeners that have TLS keys, by listener name. */
        final Map<String, TlsSettings> listenerTls = new LinkedHashMap<>();

        Path passwordFile;
        Path aclFile;
        Path jwtKeyFile;
        String jwtJwksUrl;
        String jwtIssuer;
        String jwtAudience;
        int jwtClockSkewSeconds = (int) JwtSettings.DEFAULT_CLOCK_SKEW.toSeconds();
        boolean anonymousRemote;
        int maxConnections;
        final Map<String, Integer> listenerMaxConnections = new LinkedHashMap<>();
        int securityReloadSeconds = (int) SecuritySettings.DEFAULT_RELOAD_CHECK_INTERVAL.toSeconds();
        AdminSettings admin = AdminSettings.defaults();
        String adminUsername;
        String adminPassword;
        final Mqtt5Settings.Builder mqtt5 = Mqtt5Settings.builder();
        /** {@code auto}, {@code memory} or {@code durable}. */
        String persistenceMode = "auto";
        /** The configured data directory, or null. */
        Path dataDirectory;
        /** The data directory when none is configured: {@code data} for {@code cicada broker}, else null. */
        Path defaultDataDirectory;

        SyncPolicy syncPolicy = SyncPolicy.ALWAYS;
        int commitIntervalMillis;
        int syncIntervalMillis = 100;
        int maxRetainedMessages;
        long maxDiskBytes;
        long maxRetainedBytes;
        /** Where each key set so far came from ({@code cicada.yaml:7}, an environment variable, a flag). */
        final Map<String, String> origins = new HashMap<>();

        /** The configuration, after the checks that involve more than one key. */
        ServerConfig build() {
            if (writeBufferLowWaterMark > writeBufferHighWaterMark) {
                String origin = origins.getOrDefault(
                        ConfigKeys.LOW_WATER_MARK, origins.getOrDefault(ConfigKeys.HIGH_WATER_MARK, "configuration"));
                throw ConfigException.at(
                        origin,
                        "'" + ConfigKeys.LOW_WATER_MARK + "' (" + writeBufferLowWaterMark + ") must not be above '"
                                + ConfigKeys.HIGH_WATER_MARK + "' (" + writeBufferHighWaterMark + ")");
            }
            if ((adminUsername == null) != (adminPassword == null)) {
                throw ConfigException.at(
                        origins.getOrDefault("admin_username", origins.getOrDefault("admin_password", "configuration")),
                        "'admin_username' and 'admin_password' must be set together");
            }
            return new ServerConfig(
                    new TransportSettings(listeners, kind, writeBufferLowWaterMark, writeBufferHighWaterMark),
                    broker.build(),
                    DEFAULT_SHUTDOWN_TIMEOUT,
                    security(),
                    admin.withBasicAuth(adminUsername, adminPassword),
                    mqtt5.build(),
                    persistence());
        }

        /** The security settings. */
        SecuritySettings security() {
            return new SecuritySettings(
                    listenerTls,
                    passwordFile,
                    aclFile,
                    anonymousRemote,
                    Duration.ofSeconds(securityReloadSeconds),
                    new ConnectionLimits(maxConnections, listenerMaxConnections),
                    jwt());
        }

        /** JWT authentication when a key file or a JWKS URL is set, else null. */
        private JwtSettings jwt() {
            if (jwtKeyFile == null && jwtJwksUrl == null) {
                return null;
            }
            if (passwordFile != null) {
                throw ConfigException.at(
                        origins.getOrDefault("password_file", "configuration"),
                        "'password_file' and JWT authentication ('jwt_key_file', 'jwt_jwks_url') cannot be used"
                                + " together");
            }
            URI jwksUrl = null;
            if (jwtJwksUrl != null) {
                try {
                    jwksUrl = new URI(jwtJwksUrl.trim());
                } catch (java.net.URISyntaxException e) {
                    jwksUrl = null;
                }
                if (jwksUrl == null || !("http".equals(jwksUrl.getScheme()) || "https".equals(jwksUrl.getScheme()))) {
                    throw ConfigException.at(
                            origins.getOrDefault("jwt_jwks_url", "configuration"),
                            "'jwt_jwks_url' expects an http:// or https:// URL, got '" + jwtJwksUrl + "'");
                }
            }
            return new JwtSettings(
                    jwtKeyFile,
                    jwksUrl,
                    jwtIssuer,
                    jwtAudience,
                    Duration.ofSeconds(jwtClockSkewSeconds),
                    JwtSettings.DEFAULT_FETCH_TIMEOUT,
                    JwtSettings.DEFAULT_CACHE_TTL);
        }

        /** Durable whenever a data directory is configured (or defaulted), unless memory mode is asked for. */
        private PersistenceSettings persistence() {
            Path directory = dataDirectory != null ? dataDirectory : defaultDataDirectory;
            boolean durable =
                    "durable".equals(persistenceMode) || ("auto".equals(persistenceMode) && directory != null);
            if (!durable) {
                return PersistenceSettings.memory().withRetainedLimits(maxRetainedMessages, maxRetainedBytes);
            }
            if (directory == null) {
                throw ConfigException.at(
                        origins.getOrDefault("persistence", "configuration"),
                        "'persistence: durable' needs a 'data_dir'");
            }
            return new PersistenceSettings(
                    PersistenceSettings.Mode.DURABLE,
                    directory,
                    syncPolicy,
                    commitIntervalMillis,
                    syncIntervalMillis,
                    maxRetainedMessages,
                    maxDiskBytes,
                    maxRetainedBytes);
        }
    }
}
