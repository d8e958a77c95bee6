package io.cicada.dist;

import io.cicada.cli.CicadaTools;
import io.cicada.server.cli.CicadaMain;
import picocli.CommandLine;

/**
 * The one {@code cicada} command of the distribution: {@code broker} from the server with {@code pub}, {@code sub},
 * {@code rr} and {@code bench} from the client tools. It lives in its own module because the server and the tools do
 * not depend on each other. Runs on the main thread.
 */
public final class CicadaLauncher {
    private CicadaLauncher() {}

    /** The full command line: the server's root command with the tools added as subcommands. */
    public static CommandLine commandLine() {
        return CicadaTools.addTo(new CommandLine(new CicadaMain()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
