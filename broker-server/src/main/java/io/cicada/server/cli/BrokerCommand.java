package io.cicada.server.cli;

import io.cicada.broker.auth.acl.AclFileException;
import io.cicada.broker.auth.password.PasswordFileException;
import io.cicada.broker.persistence.StoreCorruptException;
import io.cicada.broker.transport.TransportStartException;
import io.cicada.broker.transport.tls.TlsConfigException;
import io.cicada.server.Broker;
import io.cicada.server.CicadaVersion;
import io.cicada.server.config.ConfigException;
import io.cicada.server.config.ConfigLoader;
import io.cicada.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cicada broker}: loads the configuration (file, then {@code CICADA_<KEY>} environment variables, then flags),
 * starts the broker and keeps it up until the process is stopped (SIGTERM / SIGINT run a graceful close). Runs on the
 * main thread; the shutdown hook closes the broker on its own thread.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        versionProvider = CicadaMain.Version.class,
        description = "Start the MQTT broker and run it until stopped (Ctrl-C or SIGTERM).",
        sortOptions = false)
final class BrokerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

    /** Exit code for configuration errors. */
    static final int CONFIG_ERROR = 2;

    /** Exit code when the broker cannot start (a port in use, say). */
    static final int START_FAILURE = 1;

    /** Where a broker started from the command line keeps its state when the configuration names no directory. */
    static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "YAML configuration file " + "(see conf/cicada.yaml); the built-in defaults when not given.")
    Path config;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address the first listener binds " + "(overrides the file; default 127.0.0.1).")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            description = "Port the first listener binds, 0 for " + "any free port (overrides the file; default 1883).")
    Integer port;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Sets any configuration key, such as "
                    + "--set sys_interval=5 (overrides the file and the environment). Repeatable.")
    List<String> overrides = new ArrayList<>();

    private final Map<String, String> environment;
    private final StopSignal stopSignal;

    BrokerCommand() {
        this(System.getenv(), StopSignal.SHUTDOWN_HOOK);
    }

    BrokerCommand(Map<String, String> environment, StopSignal stopSignal) {
        this.environment = environment;
        this.stopSignal = stopSignal;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig serverConfig;
        try {
            serverConfig = loadConfig();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        Broker broker;
        try {
            broker = Broker.builder().config(serverConfig).build().start();
        } catch (TransportStartException | StoreCorruptException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return START_FAILURE;
        } catch (TlsConfigException | PasswordFileException | AclFileException | IllegalArgumentException e) {
            // A certificate, password or ACL file that cannot be used: one line naming the file, as for the config.
            spec.commandLine().getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        try {
            stopSignal.arm(broker); // before the announcement, so a stop right after it is graceful
            ReloadSignal.install(broker);
            log.info(
                    "Cicada {} listening on {} ({})",
                    CicadaVersion.current(),
                    String.join(", ", broker.uris()),
                    broker.transportName());
            stopSignal.await(broker);
        } finally {
            broker.close();
        }
        return 0;
    }

    ServerConfig loadConfig() {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ConfigException("--port " + port + ": expects an integer 0..65535");
        }
        ServerConfig loaded = ConfigLoader.load(config, environment, overrides, DEFAULT_DATA_DIRECTORY);
        return host == null && port == null ? loaded : loaded.withFirstListenerAddress(host, port);
    }

    /** What keeps {@code cicada broker} running: by default, until the JVM is told to stop. */
    interface StopSignal {

        /** Registers a shutdown hook that closes the broker, and waits for it to run. */
        StopSignal SHUTDOWN_HOOK = new ShutdownHook();

        /** Prepares to stop {@code broker}; called once it runs and before it is announced. */
        default void arm(Broker broker) {}

        /** Returns when the broker should stop. */
        void await(Broker broker) throws InterruptedException;
    }

    /** Stops the broker from a JVM shutdown hook (SIGTERM, SIGINT); the main thread waits until the hook ran. */
    private static final class ShutdownHook implements StopSignal {
        private final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public void arm(Broker broker) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                log.info("shutting down");
                                broker.close();
                                log.info("stopped");
                                stopped.countDown();
                            },
                            "cicada-shutdown"));
        }

        @Override
        public void await(Broker broker) throws InterruptedException {
            stopped.await();
        }
    }
}
