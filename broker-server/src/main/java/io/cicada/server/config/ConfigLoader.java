package io.cicada.server.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ServerConfig} from its layers, each overriding the one before: the defaults, the YAML file, the
 * {@code CICADA_<KEY>} environment variables (such as {@code CICADA_SYS_INTERVAL=5}), and {@code key=value} overrides
 * from the command line. Stateless.
 */
public final class ConfigLoader {

    private static final String LISTENERS_VARIABLE = "CICADA_LISTENERS";

    private ConfigLoader() {}

    /**
     * @param file the YAML file, or null for none
     * @param environment the process environment ({@code System.getenv()}); variables other than {@code CICADA_<KEY>}
     *     are ignored
     * @param overrides {@code key=value} strings from the command line, applied last
     * @throws ConfigException naming the file and line, the variable or the flag, and what was expected
     */
    public static ServerConfig load(Path file, Map<String, String> environment, List<String> overrides) {
        return load(file, environment, overrides, null);
    }

    /**
     * {@link #load(Path, Map, List)} with a data directory used when none is configured: {@code cicada broker} passes
     * {@code data}, so the broker it runs is durable by default while an embedded one stays in memory.
     */
    public static ServerConfig load(
            Path file, Map<String, String> environment, List<String> overrides, Path defaultDataDirectory) {
        ServerConfig.Builder builder = new ServerConfig.Builder();
        builder.defaultDataDirectory = defaultDataDirectory;
        if (file != null && isMosquittoConfig(file)) {
            MosquittoConfigReader.read(file, builder);
        } else if (file != null) {
            YamlConfigReader.read(readFile(file), file.toString(), builder);
        }
        if (environment.containsKey(LISTENERS_VARIABLE)) {
            throw ConfigException.at(
                    "environment variable " + LISTENERS_VARIABLE,
                    "'listeners' cannot be set from the environment; use the configuration file or --host / --port");
        }
        for (ConfigKey key : ConfigKeys.scalars()) {
            String value = environment.get(key.environmentVariable());
            if (value != null) {
                key.apply(builder, value, "environment variable " + key.environmentVariable());
            }
        }
        for (String override : overrides) {
            applyOverride(builder, override);
        }
        return builder.build();
    }

    /** Only the defaults and the environment. */
    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        return load(null, environment, List.of());
    }

    /** The names of every top-level key, in documentation order. */
    public static List<String> keyNames() {
        return ConfigKeys.topLevelNames();
    }

    private static void applyOverride(ServerConfig.Builder builder, String override) {
        String origin = "--set " + override;
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw ConfigException.at(origin, "expected KEY=VALUE, such as sys_interval=5");
        }
        String name = override.substring(0, equals).trim();
        ConfigKey key = ConfigKeys.scalar(name);
        if (key == null) {
            String hint = ConfigKeys.LISTENERS.equals(name)
                    ? "'listeners' cannot be set this way; use --host / --port or the configuration file"
                    : "unknown key '" + name + "' (expected one of: "
                            + String.join(
                                    ", ",
                                    ConfigKeys.scalars().stream()
                                            .map(ConfigKey::name)
                                            .toList()) + ")";
            throw ConfigException.at(origin, hint);
        }
        key.apply(builder, override.substring(equals + 1), origin);
    }

    /** A {@code .conf} file is read as a Mosquitto configuration ({@code cicada broker -c mosquitto.conf}). */
    static boolean isMosquittoConfig(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".conf");
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read configuration file " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new ConfigException("cannot read configuration file " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }
}
