package io.cicada.cli.ctl;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The read-only {@code cicada ctl} commands, one small class each. Run on the main thread. */
final class CtlQueries {
    private CtlQueries() {}

    private static final List<String> CLIENT_FIELDS = List.of(
            "clientId",
            "connected",
            "address",
            "protocolVersion",
            "username",
            "subscriptions",
            "queuedMessages",
            "inflightMessages");
    private static final List<String> CLIENT_TITLES =
            List.of("CLIENT ID", "CONNECTED", "ADDRESS", "VERSION", "USER", "SUBS", "QUEUED", "INFLIGHT");

    @Command(name = "broker", description = "Version, uptime and counts.")
    static final class Broker implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return ctl.run(spec, c -> c.get("api/broker"), Table::fields);
        }
    }

    @Command(name = "clients", description = "Connected clients and stored sessions.")
    static final class Clients implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Option(names = "--search", paramLabel = "TEXT", description = "Client id, user or address containing TEXT.")
        String search;

        @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default: 100, at most 1000).")
        Integer limit;

        @Override
        public Integer call() {
            String query = String.join(
                    "&",
                    AdminClient.query("search", search),
                    AdminClient.query("limit", limit == null ? null : limit.toString()));
            return ctl.run(
                    spec,
                    c -> c.get("api/clients?" + query),
                    (out, page) -> Table.rows(out, page.path("items"), CLIENT_FIELDS, CLIENT_TITLES));
        }
    }

    @Command(name = "client", description = "One client or session in detail.")
    static final class Client implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public Integer call() {
            return ctl.run(spec, c -> c.get("api/clients/" + AdminClient.encodePath(clientId)), (out, client) -> {
                Table.fields(out, client);
                Table.rows(out, client.path("subscriptions"), List.of("topicFilter", "qos"), List.of("FILTER", "QOS"));
            });
        }
    }

    @Command(name = "sessions", description = "Sessions, connected or not, with their expiry and queues.")
    static final class Sessions implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Option(names = "--offline", description = "Only sessions without a connection.")
        boolean offline;

        @Override
        public Integer call() {
            return ctl.run(
                    spec,
                    c -> c.get("api/clients?" + (offline ? "connected=false" : "")),
                    (out, page) -> Table.rows(
                            out,
                            page.path("items"),
                            List.of(
                                    "clientId",
                                    "connected",
                                    "sessionExpirySeconds",
                                    "queuedMessages",
                                    "inflightMessages",
                                    "subscriptions"),
                            List.of("CLIENT ID", "CONNECTED", "EXPIRY S", "QUEUED", "INFLIGHT", "SUBS")));
        }
    }

    @Command(name = "subscriptions", description = "Every subscription of every session.")
    static final class Subscriptions implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Option(names = "--filter", paramLabel = "TEXT", description = "Only filters containing TEXT.")
        String filter;

        @Override
        public Integer call() {
            return ctl.run(
                    spec,
                    c -> c.get("api/subscriptions?" + AdminClient.query("filter", filter)),
                    (out, page) -> Table.rows(
                            out,
                            page.path("items"),
                            List.of("clientId", "topicFilter", "qos"),
                            List.of("CLIENT ID", "FILTER", "QOS")));
        }
    }

    @Command(name = "retained", description = "Retained messages matching a filter (default: #).")
    static final class Retained implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Option(names = "--filter", paramLabel = "FILTER", description = "Topic filter (default: ${DEFAULT-VALUE}).")
        String filter = "#";

        @Override
        public Integer call() {
            return ctl.run(
                    spec,
                    c -> c.get("api/retained?" + AdminClient.query("filter", filter)),
                    (out, page) -> Table.rows(
                            out,
                            page.path("items"),
                            List.of("topic", "qos", "bytes", "payload"),
                            List.of("TOPIC", "QOS", "BYTES", "PAYLOAD")));
        }
    }
}
