package io.cicada.tests.web;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the test's JavaScript lives: {@code src/test/js}, with MQTT.js installed into its {@code node_modules} by
 * {@code .ci/run} ({@code npm ci}). Stateless.
 */
final class NodeModules {

    /** The folder with package.json, the scripts and node_modules. */
    static final Path DIR = Path.of("src", "test", "js").toAbsolutePath();

    private NodeModules() {}

    /** The folder, after checking that MQTT.js is installed; fails the test with the command to run if not. */
    static Path installed() {
        if (!Files.isRegularFile(DIR.resolve("node_modules/mqtt/dist/mqtt.min.js"))) {
            throw new AssertionError(
                    "MQTT.js is not installed: run 'npm ci --prefix broker-tests/src/test/js' " + "(.ci/run does)");
        }
        return DIR;
    }
}
