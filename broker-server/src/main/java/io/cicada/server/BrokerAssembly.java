package io.cicada.server;

import io.cicada.admin.AdminServer;
import io.cicada.broker.BrokerCore;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.persistence.DurableStorage;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.transport.TransportServer;
import io.cicada.server.config.ServerConfig;
import io.cicada.server.security.AccessControl;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every object of a running broker, created here and nowhere else, in start order: the core first (it accepts
 * connections), then the transport (which hands it sockets). {@link #close()} undoes it in reverse order. Created and
 * closed by {@link Broker} under its lock.
 */
final class BrokerAssembly implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerAssembly.class);

    private final ServerConfig config;
    private final BrokerCore core;
    private final TransportServer transport;
    private AdminServer admin;
    private AccessControl security;
    private final DurableStorage storage;

    private BrokerAssembly(ServerConfig config, BrokerCore core, TransportServer transport, DurableStorage storage) {
        this.config = config;
        this.core = core;
        this.transport = transport;
        this.storage = storage;
    }

    /**
     * Creates and starts every part. When a later part fails to start, the parts already started are closed again.
     *
     * @throws io.cicada.broker.transport.TransportStartException when a listener cannot bind
     * @throws io.cicada.broker.persistence.StoreCorruptException when the data directory cannot be used
     */
    static BrokerAssembly start(ServerConfig config) {
        AccessControl security =
                AccessControl.start(config.security(), config.transport().listeners(), config.broker());
        // Durable mode: the storage opens first and the core restores the stored sessions before any connection.
        DurableStorage storage;
        try {
            storage = config.persistence().durable() ? DurableStorage.open(config.persistence()) : null;
        } catch (RuntimeException e) {
            security.close();
            throw e;
        }
        BrokerCore.Builder coreBuilder = BrokerCore.builder(withBuildVersion(security.apply(config.broker())))
                .authenticator(security.authenticator())
                .authorizer(security.authorizer())
                .mqtt5(config.mqtt5());
        BrokerCore core;
        try {
            if (!config.mqtt5().scramCredentialsFile().isEmpty()) {
                coreBuilder.enhancedAuthentication(
                        ScramCredentialsFile.load(Path.of(config.mqtt5().scramCredentialsFile())));
            }
            if (storage != null) {
                coreBuilder.journal(storage.journal()).retainedStore(storage.retainedStore());
            } else {
                coreBuilder.retainedStore(new InMemoryRetainedStore(
                        config.persistence().maxRetainedMessages(),
                        config.persistence().maxRetainedBytes()));
            }
            core = coreBuilder.build();
        } catch (RuntimeException e) {
            closeStorage(storage);
            security.close();
            throw e;
        }
        TransportServer transport =
                new TransportServer(config.transport(), config.broker().maxPacketSize(), core);
        security.tlsListeners().forEach(transport::withTls);
        transport.withConnectionLimits(config.security().connectionLimits());
        try {
            transport.start();
        } catch (RuntimeException e) {
            core.shutdown(Duration.ofSeconds(1));
            security.close();
            closeStorage(storage);
            throw e;
        }
        BrokerAssembly assembly = new BrokerAssembly(config, core, transport, storage);
        assembly.security = security;
        assembly.startAdmin();
        return assembly;
    }

    /** The admin API and metrics listener, when enabled; on failure everything started is closed again. */
    private void startAdmin() {
        if (!config.admin().enabled()) {
            return;
        }
        try {
            admin = new AdminServer(config.admin(), core, transport).start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The admin server, or null when it is not enabled. */
    AdminServer admin() {
        return admin;
    }

    /** The security part: reload of password, ACL and certificate files. */
    AccessControl security() {
        return security;
    }

    private static void closeStorage(DurableStorage storage) {
        if (storage != null) {
            storage.close();
        }
    }

    BrokerCore core() {
        return core;
    }

    TransportServer transport() {
        return transport;
    }

    /**
     * Graceful shutdown within {@link ServerConfig#shutdownTimeout()}: stop accepting, let the core send its
     * DISCONNECTs (Server shutting down) and close its connections, then close what remains and stop the event loops.
     */
    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        Duration timeout = config.shutdownTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        transport.stopAccepting();
        try {
            core.shutdown(timeout.dividedBy(2));
        } catch (RuntimeException e) {
            log.warn("the broker core failed to shut down cleanly", e);
        }
        transport.close(Duration.ofNanos(Math.max(100_000_000L, deadline - System.nanoTime())));
        security.close();
        closeStorage(storage); // last: the loops are stopped, so nothing appends any more
    }

    /** $SYS/broker/version names the build that runs, unless an embedder set a version of its own. */
    private static BrokerSettings withBuildVersion(BrokerSettings settings) {
        if (!settings.brokerVersion().equals(BrokerSettings.defaults().brokerVersion())) {
            return settings;
        }
        return settings.toBuilder()
                .brokerVersion("cicada " + CicadaVersion.current())
                .build();
    }
}
