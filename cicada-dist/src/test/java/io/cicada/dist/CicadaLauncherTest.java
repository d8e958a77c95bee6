package io.cicada.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one {@code cicada} command holds the broker and every tool, and answers {@code --version} and help. */
class CicadaLauncherTest {

    @Test
    void holdsTheBrokerAndEveryTool() {
        assertThat(CicadaLauncher.commandLine().getSubcommands().keySet())
                .contains("broker", "pub", "sub", "rr", "bench", "ctl", "passwd", "help");
    }

    @Test
    void versionNamesTheBuild() {
        StringWriter out = new StringWriter();
        CommandLine cl = CicadaLauncher.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("cicada ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {
            "broker", "pub", "sub", "rr", "bench", "bench pub", "bench sub", "ctl", "ctl clients", "passwd"
        }) {
            StringWriter out = new StringWriter();
            CommandLine cl = CicadaLauncher.commandLine();
            cl.setOut(new PrintWriter(out));
            String[] args = (command + " --help").split(" ");
            assertThat(cl.execute(args)).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: cicada " + command);
        }
    }
}
