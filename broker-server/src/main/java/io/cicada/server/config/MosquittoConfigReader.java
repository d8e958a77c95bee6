package io.cicada.server.config;

import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Mosquitto 2.0 {@code mosquitto.conf} into the configuration being built, with Mosquitto's meaning: {@code
 * listener PORT [ADDRESS]} starts a listener that the keys after it configure, {@code port} / {@code bind_address} set
 * the default listener, and with any listener configured anonymous clients need an explicit {@code allow_anonymous
 * true}. A key Cicada does not support is named in a warning; a bad value stops start-up with file, line and what is
 * expected. One instance per file read; not thread-safe.
 */
final class MosquittoConfigReader {

    private static final Logger log = LoggerFactory.getLogger(MosquittoConfigReader.class);

    /** Keys that map one to one onto a cicada.yaml key; 0 means "no limit" in Mosquitto where noted in the table. */
    private static final Map<String, String> SCALARS = Map.of(
            "max_queued_messages", "max_queued_messages",
            "max_queued_bytes", "max_queued_bytes",
            "max_inflight_messages", "max_inflight_messages",
            "max_packet_size", "max_packet_size",
            "max_keepalive", "max_keepalive",
            "sys_interval", "sys_interval");

    /** Mosquitto's "0 = unlimited" values, as Cicada's largest value. */
    private static final Map<String, String> UNLIMITED = Map.of(
            "max_inflight_messages", "65535",
            "max_packet_size", "268435460");

    /** Keys that are understood but belong to features this build does not have; named in a warning. */
    private static final Set<String> NOT_YET =
            Set.of("persistence", "persistence_location", "message_size_limit", "autosave_interval", "capath");

    private final ServerConfig.Builder builder;
    private final List<ListenerSettings> listeners = new ArrayList<>();
    private final List<ListenerTlsKeys> listenerTls = new ArrayList<>();
    private ListenerTlsKeys defaultTls = new ListenerTlsKeys();
    private Integer defaultPort;
    private String defaultHost;
    private Boolean allowAnonymous;

    private MosquittoConfigReader(ServerConfig.Builder builder) {
        this.builder = builder;
    }

    /** Reads {@code file} (and its {@code include_dir} files) into {@code builder}. */
    static void read(Path file, ServerConfig.Builder builder) {
        MosquittoConfigReader reader = new MosquittoConfigReader(builder);
        reader.readFile(file);
        reader.finish();
    }

    /** {@code protocol websockets}: the last listener speaks MQTT over WebSocket (path {@code /mqtt}). */
    private void useWebSockets(String origin) {
        if (listeners.isEmpty()) {
            throw ConfigException.at(origin, "'protocol websockets' needs a 'listener' line before it");
        }
        int last = listeners.size() - 1;
        ListenerSettings listener = listeners.get(last);
        listeners.set(
                last,
                new ListenerSettings(
                        listener.name(),
                        ListenerSettings.WS,
                        listener.host(),
                        listener.port(),
                        listener.proxyProtocol(),
                        listener.webSocket()));
    }

    private void readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            readKey(words[0], words.length > 1 ? words[1].strip() : "", file + ":" + (i + 1));
        }
    }

    private void readKey(String key, String value, String origin) {
        ListenerTlsKeys tls = listenerTls.isEmpty() ? defaultTls : listenerTls.get(listenerTls.size() - 1);
        switch (key) {
            case "listener" -> startListener(value, origin);
            case "port" -> defaultPort = (int) ConfigKey.parse(key, ConfigKeys.PORT, value, origin);
            case "bind_address" -> {
                String host = (String) ConfigKey.parse(key, ConfigKeys.NAME, value, origin);
                if (listeners.isEmpty()) {
                    defaultHost = host;
                } else {
                    int last = listeners.size() - 1;
                    listeners.set(
                            last,
                            listeners
                                    .get(last)
                                    .withAddress(host, listeners.get(last).port()));
                }
            }
            case "protocol" -> {
                String protocol =
                        (String) ConfigKey.parse(key, ValueType.choice(List.of("mqtt", "websockets")), value, origin);
                if (protocol.equals("websockets")) {
                    useWebSockets(origin);
                }
            }
            case "allow_anonymous" -> allowAnonymous = (boolean) ConfigKey.parse(key, ValueType.bool(), value, origin);
            case "password_file" -> builder.passwordFile = Path.of(value);
            case "acl_file" -> builder.aclFile = Path.of(value);
            case "per_listener_settings" -> {
                if ((boolean) ConfigKey.parse(key, ValueType.bool(), value, origin)) {
                    throw ConfigException.at(
                            origin,
                            "'per_listener_settings true' is not supported: Cicada applies password_file, acl_file"
                                    + " and allow_anonymous to every listener");
                }
            }
            case "include_dir" -> includeDirectory(Path.of(value), origin);
            case "max_connections" -> {
                int max = (int) ConfigKey.parse(key, ValueType.integer(-1, Integer.MAX_VALUE), value, origin);
                // Mosquitto: -1 = no limit; per listener, or the default listener before any 'listener' line.
                String listener = listeners.isEmpty()
                        ? "default"
                        : listeners.get(listeners.size() - 1).name();
                builder.listenerMaxConnections.put(listener, Math.max(0, max));
            }
            default -> readOtherKey(key, value, origin, tls);
        }
    }

    private void readOtherKey(String key, String value, String origin, ListenerTlsKeys tls) {
        if (ListenerTlsKeys.KEYS.contains(key)) {
            tls.set(key, value, origin);
        } else if (SCALARS.containsKey(key)) {
            String text = value.equals("0") && UNLIMITED.containsKey(key) ? UNLIMITED.get(key) : value;
            ConfigKeys.scalar(SCALARS.get(key)).apply(builder, text, origin);
        } else if (NOT_YET.contains(key)) {
            log.warn("{}: '{}' is not supported by this build of Cicada and is ignored", origin, key);
        } else {
            log.warn("{}: unknown or unsupported Mosquitto option '{}' is ignored", origin, key);
        }
    }

    private void startListener(String value, String origin) {
        String[] words = value.split("\\s+");
        if (value.isEmpty() || words.length > 2) {
            throw ConfigException.at(origin, "'listener' expects a port and an optional bind address");
        }
        int port = (int) ConfigKey.parse("listener", ConfigKeys.PORT, words[0], origin);
        String host = words.length == 2 ? words[1] : "0.0.0.0";
        String name = "listener-" + port;
        for (ListenerSettings existing : listeners) {
            if (existing.name().equals(name)) {
                name = name + "-" + (listeners.size() + 1);
            }
        }
        listeners.add(ListenerSettings.tcp(name, host, port));
        listenerTls.add(new ListenerTlsKeys());
    }

    private void includeDirectory(Path dir, String origin) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.conf")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw ConfigException.at(origin, "cannot read include_dir " + dir + ": " + e.getMessage());
        }
        files.sort(null); // Mosquitto reads them in alphabetical order
        files.forEach(this::readFile);
    }

    private void finish() {
        List<ListenerSettings> all = new ArrayList<>();
        if (defaultPort != null || defaultHost != null || defaultTls.present() || listeners.isEmpty()) {
            boolean configured = defaultPort != null || !listeners.isEmpty();
            String host = defaultHost != null ? defaultHost : (configured ? "0.0.0.0" : "127.0.0.1");
            int port = defaultPort != null ? defaultPort : TransportSettings.DEFAULT_LISTENER.port();
            all.add(ListenerSettings.tcp("default", host, port));
            if (defaultTls.present()) {
                builder.listenerTls.put("default", defaultTls.build());
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            all.add(listeners.get(i));
            if (listenerTls.get(i).present()) {
                builder.listenerTls.put(
                        listeners.get(i).name(), listenerTls.get(i).build());
            }
        }
        builder.listeners = all;
        boolean anyConfigured = defaultPort != null || !listeners.isEmpty();
        // Mosquitto 2.0: with listeners configured, anonymous clients need allow_anonymous true.
        boolean anonymous = allowAnonymous != null ? allowAnonymous : !anyConfigured;
        builder.broker.allowAnonymous(anonymous);
        builder.anonymousRemote = allowAnonymous != null && allowAnonymous;
    }
}
