package io.cicada.cli;

import io.cicada.cli.bench.BenchCommand;
import io.cicada.cli.ctl.CtlCommand;
import io.cicada.cli.passwd.PasswdCommand;
import io.cicada.cli.pub.PubCommand;
import io.cicada.cli.rr.RrCommand;
import io.cicada.cli.sub.SubCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The client tools as picocli commands, for the {@code cicada} launcher (which adds them next to {@code broker}) and
 * for running them without the broker on the class path ({@code java -cp ... io.cicada.cli.CicadaTools pub ...}).
 * Runs on the main thread.
 */
@Command(
        name = "cicada",
        mixinStandardHelpOptions = true,
        description = "Cicada's MQTT client tools.",
        subcommands = {CommandLine.HelpCommand.class})
public final class CicadaTools implements Runnable {

    /** New instances of every tool command, in help order. */
    public static List<Object> commands() {
        return List.of(
                new PubCommand(),
                new SubCommand(),
                new RrCommand(),
                new BenchCommand(),
                new CtlCommand(),
                new PasswdCommand());
    }

    /** A command line with the tools as subcommands of {@code root}. */
    public static CommandLine addTo(CommandLine root) {
        for (Object command : commands()) {
            root.addSubcommand(command);
        }
        return root;
    }

    public static void main(String[] args) {
        System.exit(addTo(new CommandLine(new CicadaTools())).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command (pub, sub, rr or bench)");
    }
}
