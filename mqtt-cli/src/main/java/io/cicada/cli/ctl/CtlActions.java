package io.cicada.cli.ctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code cicada ctl} commands that change the broker: kick, delete, publish. Run on the main thread. */
final class CtlActions {
    private CtlActions() {}

    @Command(name = "kick", description = "Disconnect a client (its session stays).")
    static final class Kick implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public Integer call() {
            return ctl.run(
                    spec,
                    c -> c.post("api/clients/" + AdminClient.encodePath(clientId) + "/kick", null),
                    (out, answer) -> out.println("kicked " + clientId));
        }
    }

    @Command(
            name = "delete",
            description = "Delete a client's session (disconnecting it), or a retained message: delete session ID,"
                    + " delete retained TOPIC.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "session|retained")
        String what;

        @Parameters(index = "1", paramLabel = "CLIENT_ID|TOPIC")
        String name;

        @Override
        public Integer call() {
            String path =
                    switch (what) {
                        case "session", "client" -> "api/clients/" + AdminClient.encodePath(name);
                        case "retained" -> "api/retained/" + AdminClient.encodePath(name);
                        default ->
                            throw new picocli.CommandLine.ParameterException(
                                    spec.commandLine(), "delete what? 'session' or 'retained', not '" + what + "'");
                    };
            return ctl.run(spec, c -> c.delete(path), (out, answer) -> out.println("deleted " + what + " " + name));
        }
    }

    @Command(name = "publish", description = "Publish a message from the broker itself.")
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Option(
                names = {"-t", "--topic"},
                required = true,
                paramLabel = "TOPIC")
        String topic;

        @Option(
                names = {"-m", "--message"},
                required = true,
                paramLabel = "MESSAGE")
        String message;

        @Option(
                names = {"-q", "--qos"},
                paramLabel = "QOS")
        int qos;

        @Option(names = {"-r", "--retain"})
        boolean retain;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("topic", topic);
            body.put("payload", message);
            body.put("qos", qos);
            body.put("retain", retain);
            return ctl.run(
                    spec, c -> c.post("api/publish", body), (out, answer) -> out.println("published to " + topic));
        }
    }
}
