package io.cicada.cli;

import io.cicada.testkit.CicadaBroker;
import io.cicada.testkit.MosquittoBroker;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two brokers the tools are tested against, one of each per test class: Cicada in-process (through the
 * {@link CicadaBroker} extension) and Debian's Mosquitto as a process. Mosquitto runs with unbounded queues so that a
 * bench's delivered counts measure delivery, not its default queue limit of 1,000 messages. Used by the JUnit thread.
 */
final class Brokers implements BeforeAllCallback, AfterAllCallback {
    /** One broker under test: its name (for the test's display name), host and port. */
    record Target(String name, String host, int port) {
        String portArg() {
            return Integer.toString(port);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final CicadaBroker cicada = CicadaBroker.create();
    private MosquittoBroker mosquitto;

    @Override
    public void beforeAll(ExtensionContext context) {
        cicada.beforeAll(context);
        mosquitto = MosquittoBroker.start("allow_anonymous true", "max_queued_messages 0", "max_inflight_messages 0");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (mosquitto != null) {
                mosquitto.close();
            }
        } finally {
            cicada.afterAll(context);
        }
    }

    Target cicadaTarget() {
        return new Target("cicada", cicada.host(), cicada.port());
    }

    Target mosquittoTarget() {
        return new Target("mosquitto", mosquitto.host(), mosquitto.port());
    }

    Stream<Target> both() {
        return Stream.of(cicadaTarget(), mosquittoTarget());
    }
}
