package io.cicada.server.cli;

import io.cicada.server.CicadaVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cicada} command: dispatches to its subcommands ({@code broker}) and answers {@code --help} and {@code
 * --version}. Runs on the main thread.
 */
@Command(
        name = "cicada",
        mixinStandardHelpOptions = true,
        versionProvider = CicadaMain.Version.class,
        description = "Cicada, an MQTT 3.1 / 3.1.1 / 5.0 broker.",
        subcommands = {BrokerCommand.class, CommandLine.HelpCommand.class})
public final class CicadaMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Runs the command line with the given output streams and returns the exit code (0 ok, 1 failure, 2 usage). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new CicadaMain());
    }

    /** The command line with subcommands made by {@code factory} (tests pass their environment and stop signal). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new CicadaMain(), factory);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: cicada broker)");
    }

    /** {@code cicada <version>} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cicada " + CicadaVersion.current()};
        }
    }
}
