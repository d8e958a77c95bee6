package io.cicada.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this Cicada build, read once from the {@code version.properties} resource the build fills in.
 * Immutable; any thread.
 */
public final class CicadaVersion {

    private static final String VERSION = load();

    private CicadaVersion() {}

    /** Such as {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from an unfiltered source tree. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CicadaVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
