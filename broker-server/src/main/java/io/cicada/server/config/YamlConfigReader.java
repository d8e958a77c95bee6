package io.cicada.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportSettings;
import io.cicada.broker.transport.tls.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML configuration document into a {@link ServerConfig.Builder}, token by token, so that every error
 * names the file and line of the offending key or value. Strict: unknown keys, duplicate keys and values out of range
 * fail. One instance per file read; single-threaded.
 */
final class YamlConfigReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final String fileName;
    private final JsonParser parser;
    private final Map<String, TlsSettings> listenerTls = new LinkedHashMap<>();
    private ListenerTlsKeys tlsKeys;
    private ListenerLimitKeys limitKeys;
    private final Map<String, ListenerLimitKeys> listenerLimits = new LinkedHashMap<>();

    private YamlConfigReader(String fileName, JsonParser parser) {
        this.fileName = fileName;
        this.parser = parser;
    }

    /**
     * Applies the document in {@code yaml} to {@code builder}.
     *
     * @param fileName how error messages name the file, such as {@code conf/cicada.yaml}
     * @throws ConfigException {@code conf/cicada.yaml:12: unknown key 'max_packet_sise' (expected one of: ...)}
     */
    static void read(String yaml, String fileName, ServerConfig.Builder builder) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            new YamlConfigReader(fileName, parser).readDocument(builder);
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file:line: not valid YAML: <problem> (<context>)}, from the YAML parser's own diagnosis. */
    private static ConfigException syntaxError(String fileName, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int line = location == null ? -1 : location.getLineNr();
        String detail = e.getOriginalMessage() == null
                ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("");
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            detail = marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
            if (marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
            }
        }
        return ConfigException.at(line < 1 ? fileName : fileName + ":" + line, "not valid YAML: " + detail);
    }

    private void readDocument(ServerConfig.Builder builder) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return; // an empty file (or only comments): the defaults
        }
        if (token != JsonToken.START_OBJECT) {
            throw ConfigException.at(origin(), "expected 'key: value' lines at the top level, got " + describe(token));
        }
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyOrigin = origin();
            if (!seen.add(key)) {
                throw ConfigException.at(keyOrigin, "duplicate key '" + key + "'");
            }
            parser.nextToken();
            if (ConfigKeys.LISTENERS.equals(key)) {
                builder.listeners = readListeners(keyOrigin);
                builder.listenerTls.clear();
                builder.listenerTls.putAll(listenerTls);
                listenerLimits.forEach((name, limits) -> limits.applyTo(name, builder));
                builder.origins.put(key, keyOrigin);
                continue;
            }
            ConfigKey configKey = ConfigKeys.scalar(key);
            if (configKey == null) {
                throw ConfigException.at(
                        keyOrigin,
                        "unknown key '" + key + "' (expected one of: " + String.join(", ", ConfigKeys.topLevelNames())
                                + ")");
            }
            configKey.apply(builder, scalar(key, configKey.type()), origin());
        }
        if (parser.nextToken() != null) {
            throw ConfigException.at(origin(), "only one YAML document is allowed");
        }
    }

    private List<ListenerSettings> readListeners(String keyOrigin) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ConfigException.at(
                    origin(),
                    "'listeners' expects a list of listeners ('- name: tcp' entries with " + "type, host, port), got "
                            + describe(parser.currentToken()));
        }
        List<ListenerSettings> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String entryOrigin = origin();
            ListenerSettings listener = readListener();
            if (!names.add(listener.name())) {
                throw ConfigException.at(entryOrigin, "duplicate listener name '" + listener.name() + "'");
            }
            addTls(listener.name());
            if (limitKeys != null) {
                listenerLimits.put(listener.name(), limitKeys);
                limitKeys = null;
            }
            listeners.add(listener);
        }
        if (listeners.isEmpty()) {
            throw ConfigException.at(keyOrigin, "'listeners' needs at least one listener");
        }
        return listeners;
    }

    private ListenerSettings readListener() throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ConfigException.at(
                    origin(),
                    "a listener expects the keys " + String.join(", ", ConfigKeys.LISTENER_KEYS) + ", got "
                            + describe(parser.currentToken()));
        }
        ListenerSettings defaults = TransportSettings.DEFAULT_LISTENER;
        String name = null;
        String type = defaults.type();
        String host = defaults.host();
        int port = defaults.port();
        Set<String> seen = new HashSet<>();
        Map<String, Object> options = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyOrigin = origin();
            if (readTlsKey(key)) {
                continue;
            }
            if (readLimitKey(key)) {
                continue;
            }
            if (!ConfigKeys.LISTENER_KEYS.contains(key)) {
                throw ConfigException.at(
                        keyOrigin,
                        "unknown listener key '" + key + "' (expected one of: "
                                + String.join(", ", ConfigKeys.LISTENER_KEYS) + ")");
            }
            if (!seen.add(key)) {
                throw ConfigException.at(keyOrigin, "duplicate key '" + key + "'");
            }
            parser.nextToken();
            switch (key) {
                case "name" -> name = (String) listenerValue(key, ConfigKeys.NAME);
                case "type" -> type = (String) listenerValue(key, ConfigKeys.LISTENER_TYPE);
                case "host" -> host = (String) listenerValue(key, ConfigKeys.NAME);
                case "port" -> port = (int) listenerValue(key, ConfigKeys.PORT);
                default -> options.put(key, listenerValue(key, ListenerOptions.TYPES.get(key)));
            }
        }
        return ListenerOptions.apply(new ListenerSettings(name == null ? type : name, type, host, port), options);
    }

    /** A TLS key of the listener being read ({@link ListenerTlsKeys}); false when {@code key} is not one. */
    private boolean readTlsKey(String key) throws IOException {
        if (!ListenerTlsKeys.KEYS.contains(key)) {
            return false;
        }
        if (tlsKeys == null) {
            tlsKeys = new ListenerTlsKeys();
        }
        String keyOrigin = origin();
        parser.nextToken();
        tlsKeys.set(key, scalar(key, ValueType.text(4096)), keyOrigin);
        return true;
    }

    /** A limit key of the listener being read ({@link ListenerLimitKeys}); false when {@code key} is not one. */
    private boolean readLimitKey(String key) throws IOException {
        if (!ListenerLimitKeys.KEYS.contains(key)) {
            return false;
        }
        if (limitKeys == null) {
            limitKeys = new ListenerLimitKeys();
        }
        String keyOrigin = origin();
        parser.nextToken();
        limitKeys.set(key, scalar(key, ListenerLimitKeys.COUNT), keyOrigin);
        return true;
    }

    private void addTls(String listenerName) {
        if (tlsKeys != null && tlsKeys.present()) {
            listenerTls.put(listenerName, tlsKeys.build());
        }
        tlsKeys = null;
    }

    private Object listenerValue(String key, ValueType type) throws IOException {
        String text = scalar(key, type);
        return ConfigKey.parse(key, type, text, origin());
    }

    /** The text of the current scalar token, or null for an empty value. */
    private String scalar(String key, ValueType type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw ConfigException.at(
                    origin(), "'" + key + "' expects " + type.expectation() + ", got " + describe(token));
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private String origin() {
        return fileName + ":" + parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            default -> "a single value";
        };
    }
}
