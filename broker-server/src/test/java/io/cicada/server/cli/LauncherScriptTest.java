package io.cicada.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Checks the {@code ./cicada} launcher without building: it exists, is executable, parses, and runs this class. */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("../cicada");

    @Test
    void launcherIsAnExecutableBashScript() throws IOException {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        assertThat(Files.readAllLines(LAUNCHER).get(0)).isEqualTo("#!/usr/bin/env bash");
    }

    @Test
    void launcherParses() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n", LAUNCHER.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes())).isEmpty();
        assertThat(bash.exitValue()).isZero();
    }

    @Test
    void launcherRunsTheDistributionsMainClassWithItsLibraries() throws IOException {
        String script = Files.readString(LAUNCHER);
        // The distribution's launcher (module cicada-dist) adds the client tools to CicadaMain's command line.
        assertThat(script).contains("-cp \"$LIB/*\" io.cicada.dist.CicadaLauncher \"$@\"");
        assertThat(script).contains("package -pl cicada-dist -am");
    }
}
