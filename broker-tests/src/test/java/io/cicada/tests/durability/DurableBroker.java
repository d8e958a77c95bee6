package io.cicada.tests.durability;

import io.cicada.broker.persistence.PersistenceSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import io.cicada.testkit.RawMqttClient;
import java.nio.file.Path;

/** An in-process durable broker on a data directory that tests stop and start again. Used by one test thread. */
final class DurableBroker implements AutoCloseable {
    private final Path directory;
    private Broker broker;

    DurableBroker(Path directory) {
        this.directory = directory;
    }

    DurableBroker start() {
        broker = Broker.builder()
                .config(ServerConfig.defaults().withPersistence(PersistenceSettings.durable(directory)))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
        return this;
    }

    /** A graceful stop and a new start on the same directory. */
    DurableBroker restart() {
        broker.close();
        return start();
    }

    Broker broker() {
        return broker;
    }

    int port() {
        return broker.port();
    }

    RawMqttClient rawClient() {
        return RawMqttClient.connect("127.0.0.1", broker.port());
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
