package io.cicada.cli.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.cicada.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada ctl}: manages a running broker through its admin HTTP API (enable it with {@code admin_enabled:
 * true}): list clients, sessions, subscriptions and retained messages, kick clients, delete sessions and retained
 * messages, publish. Prints tables, or the API's JSON with {@code --json}. Runs on the main thread.
 */
@Command(
        name = "ctl",
        description = "Manage a running broker through its admin API.",
        footer = "%nExit codes: 0 done, 1 error (including not found), 2 bad usage, 3 admin API unreachable,"
                + " 4 credentials refused (HTTP 401/403).",
        subcommands = {
            CtlQueries.Broker.class,
            CtlQueries.Clients.class,
            CtlQueries.Client.class,
            CtlQueries.Sessions.class,
            CtlQueries.Subscriptions.class,
            CtlQueries.Retained.class,
            CtlActions.Kick.class,
            CtlActions.Delete.class,
            CtlActions.Publish.class
        })
public final class CtlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--help",
            usageHelp = true,
            description = "Show this help and exit.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean help;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The admin API (default: ${DEFAULT-VALUE}).",
            scope = CommandLine.ScopeType.INHERIT)
    String url = "http://127.0.0.1:8081";

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "Bearer token (admin_token).",
            scope = CommandLine.ScopeType.INHERIT)
    String token;

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER",
            description = "Basic auth user (admin_username).",
            scope = CommandLine.ScopeType.INHERIT)
    String username;

    @Option(
            names = {"-P", "--pw"},
            paramLabel = "PASSWORD",
            description = "Basic auth password (admin_password).",
            scope = CommandLine.ScopeType.INHERIT)
    String password;

    @Option(
            names = "--json",
            description = "Print the API's JSON instead of a table.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean json;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing ctl command (broker, clients, client, sessions, subscriptions, retained, kick, delete,"
                        + " publish)");
    }

    AdminClient client() {
        String authorization = token != null
                ? AdminClient.bearer(token)
                : username != null ? AdminClient.basic(username, password) : null;
        String base = url.endsWith("/") ? url : url + "/";
        return new AdminClient(URI.create(base), authorization);
    }

    /** What every ctl command does: call, print a table or the JSON, and turn failures into an exit code. */
    interface Call {
        JsonNode call(AdminClient client) throws Exception;
    }

    int run(CommandSpec command, Call call, java.util.function.BiConsumer<PrintWriter, JsonNode> table) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        String name = "cicada ctl " + command.name();
        try {
            JsonNode answer = call.call(client());
            if (json) {
                out.println(AdminClient.pretty(answer));
                out.flush();
            } else {
                table.accept(out, answer);
            }
            return ExitCode.OK;
        } catch (AdminClient.AdminException e) {
            err.println(name + ": " + e.getMessage() + " (HTTP " + e.status() + ")");
            return e.status() == 401 || e.status() == 403 ? ExitCode.REFUSED : ExitCode.ERROR;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println(name + ": cannot reach the admin API at " + url + " (is admin_enabled true?)");
            return ExitCode.UNREACHABLE;
        } catch (IOException e) {
            err.println(name + ": " + e.getMessage());
            return ExitCode.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR;
        } catch (Exception e) {
            err.println(name + ": " + e);
            return ExitCode.ERROR;
        }
    }
}
