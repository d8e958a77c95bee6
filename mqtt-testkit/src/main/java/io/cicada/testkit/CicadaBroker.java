package io.cicada.testkit;

import io.cicada.broker.BrokerSettings;
import io.cicada.server.Broker;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a real Cicada broker on 127.0.0.1 and a free port (port 0), so tests talk to it over
 * real sockets. Registered on a {@code static} field it starts one broker before the class's first test and closes it
 * after the last; on an instance field every test gets a fresh broker. Touched by the JUnit thread only; the broker
 * itself runs on its own event loops.
 *
 * <pre>{@code
 * class RetainTest {
 *     @RegisterExtension
 *     static CicadaBroker broker = CicadaBroker.create().withSettings(s -> s.maxPacketSize(1024));
 *
 *     @Test
 *     void retainedMessageReachesLateSubscriber() {
 *         Mqtt5BlockingClient client = Mqtt5Client.builder()
 *                 .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class CicadaBroker implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** The loopback address every test broker binds. */
    public static final String HOST = "127.0.0.1";

    private final UnaryOperator<BrokerSettings.Builder> settings;
    private Broker broker;
    private boolean perClass;

    private CicadaBroker(UnaryOperator<BrokerSettings.Builder> settings) {
        this.settings = settings;
    }

    /** A broker with the default {@link BrokerSettings}. */
    public static CicadaBroker create() {
        return new CicadaBroker(UnaryOperator.identity());
    }

    /** A copy that changes the settings on top of the defaults: {@code withSettings(s -> s.maximumQos(1))}. */
    public CicadaBroker withSettings(UnaryOperator<BrokerSettings.Builder> change) {
        Objects.requireNonNull(change, "change");
        UnaryOperator<BrokerSettings.Builder> previous = settings;
        return new CicadaBroker(b -> change.apply(previous.apply(b)));
    }

    /** The settings the broker runs with. */
    public BrokerSettings settings() {
        return settings.apply(BrokerSettings.builder()).build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    /** Starts the broker now, for use outside JUnit's life cycle; {@link #stop()} closes it. */
    public void start() {
        if (broker == null) {
            broker = Broker.builder()
                    .host(HOST)
                    .port(0)
                    .settings(settings())
                    .build()
                    .start();
        }
    }

    /** Closes the broker gracefully (bounded by the broker's own shutdown timeout); no-op when not running. */
    public void stop() {
        if (broker != null) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }

    /** The running broker, for in-process publishing through {@code broker().core()}. */
    public Broker broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker is not running: register CicadaBroker with @RegisterExtension");
        }
        return broker;
    }

    /** The bound TCP port. */
    public int port() {
        return broker().port();
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** {@code tcp://127.0.0.1:PORT}, as Paho expects it. */
    public String uri() {
        return "tcp://" + HOST + ":" + port();
    }

    /** A new raw client connected to this broker (TCP only; send a CONNECT next). */
    public RawMqttClient rawClient() {
        return RawMqttClient.connect(HOST, port());
    }
}
