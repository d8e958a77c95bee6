package io.cicada.server;

import io.cicada.admin.AdminServer;
import io.cicada.broker.BrokerCore;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.message.Message;
import io.cicada.broker.routing.InProcessSubscription;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.topic.Topics;
import io.cicada.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Cicada broker that an application or a test starts in-process. Owns one {@code BrokerAssembly} while running.
 * Thread-safe: lifecycle methods are synchronized; the accessors may be called from any thread.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder().host("127.0.0.1").port(0).build().start()) {
 *     String uri = broker.uri();          // "tcp://127.0.0.1:PORT"
 *     try (InProcessSubscription sub = broker.subscribe("sensors/#", 1, m -> log(m.topic()))) {
 *         broker.publish("sensors/t1", "21.5".getBytes(UTF_8), 1, false);  // in-process publish
 *     }
 * }
 * }</pre>
 */
public final class Broker implements AutoCloseable {

    private final ServerConfig config;
    private volatile BrokerAssembly assembly;
    private boolean closed;

    private Broker(ServerConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the listeners and starts serving.
     *
     * @throws io.cicada.broker.transport.TransportStartException when a listener cannot bind (one-line message)
     * @throws IllegalStateException when already started or closed
     */
    public synchronized Broker start() {
        if (assembly != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        assembly = BrokerAssembly.start(config);
        return this;
    }

    /** The bound port of the first listener (the real one when it was configured as 0). */
    public int port() {
        return port(firstListener().name());
    }

    /** The bound port of the named listener. */
    public int port(String listenerName) {
        return running().transport().boundPort(listenerName);
    }

    /** The bound port of the admin API and metrics listener. */
    public int adminPort() {
        AdminServer admin = running().admin();
        if (admin == null) {
            throw new IllegalStateException("the admin API is not enabled");
        }
        return admin.port();
    }

    /** The first listener's host as configured, such as {@code 127.0.0.1}. */
    public String host() {
        return firstListener().host();
    }

    /** {@code tcp://HOST:PORT} of the first listener. */
    public String uri() {
        return uri(firstListener());
    }

    /** The URI of every listener, in configuration order. */
    public List<String> uris() {
        List<String> uris = new ArrayList<>();
        for (ListenerSettings listener : config.transport().listeners()) {
            uris.add(uri(listener));
        }
        return uris;
    }

    /** The I/O transport in use: {@code epoll} or {@code nio}. */
    public String transportName() {
        return running().transport().kindName();
    }

    /** The broker core, for in-process publishing and statistics. */
    public BrokerCore core() {
        return running().core();
    }

    /**
     * Routes {@code message} as if a client had published it (no authorization; a null sender is not "local" to any
     * subscriber). Retained when {@link Message#retain()} is set.
     */
    public void publish(Message message) {
        running().core().publish(message);
    }

    /** Publishes {@code payload} to {@code topic} from inside the broker. */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        if (!Topics.isValidTopicName(topic)) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
        publish(new Message(
                topic, qos, retain, Payload.copyOf(payload), Properties.EMPTY, null, System.currentTimeMillis()));
    }

    /**
     * Subscribes {@code handler} to the messages matching {@code topicFilter}: first the retained ones (with
     * {@link Message#retain()} set), then the live ones; it runs on the subscription's own thread, one message at a
     * time, in routing order. Close the returned subscription to unsubscribe.
     */
    public InProcessSubscription subscribe(String topicFilter, int qos, Consumer<Message> handler) {
        return running().core().subscribe(topicFilter, qos, handler);
    }

    /**
     * {@link #subscribe(String, int, Consumer)} with a client subscription's options: Retain Handling 2 sends no
     * retained messages, Retain As Published keeps the RETAIN flag of live messages.
     */
    public InProcessSubscription subscribe(Subscription options, Consumer<Message> handler) {
        return running().core().subscribe(options, handler);
    }

    /**
     * Reads the password file, the ACL file and every TLS certificate again: new rules apply from each client's next
     * packet, new certificates to new connections (what SIGHUP does).
     */
    public void reloadSecurity() {
        running().security().reload();
    }

    /** The configuration this broker runs with. */
    public ServerConfig config() {
        return config;
    }

    public boolean isRunning() {
        return assembly != null;
    }

    /**
     * Graceful shutdown, bounded by {@link ServerConfig#shutdownTimeout()}: MQTT 5 clients get DISCONNECT (Server
     * shutting down), every connection closes, the event loops stop. Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        BrokerAssembly running = assembly;
        assembly = null;
        if (running != null) {
            running.close();
        }
    }

    private String uri(ListenerSettings listener) {
        int port = assembly == null ? listener.port() : port(listener.name());
        boolean secureWebSocket =
                listener.isWebSocket() && config.security().tls().containsKey(listener.name());
        return (secureWebSocket ? "wss" : listener.type()) + "://"
                + listener.withAddress(listener.host(), port).address()
                + (listener.isWebSocket() ? listener.webSocket().path() : "");
    }

    private ListenerSettings firstListener() {
        return config.transport().listeners().get(0);
    }

    private BrokerAssembly running() {
        BrokerAssembly current = assembly;
        if (current == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return current;
    }

    /**
     * Collects how to run the broker; starts from {@link ServerConfig#defaults()}. {@link #host}, {@link #port} and
     * {@link #settings} override the configuration whatever the call order. Not thread-safe.
     */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private BrokerSettings settings;
        private String host;
        private Integer port;

        private Builder() {}

        /** The whole configuration (listeners, transport, broker settings). */
        public Builder config(ServerConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The core's settings, replacing those of the configuration. */
        public Builder settings(BrokerSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The address the first listener binds. */
        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port the first listener binds; 0 for any free port (see {@link Broker#port()}). */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Broker build() {
            ServerConfig result = config;
            if (settings != null) {
                result = result.withBroker(settings);
            }
            if (host != null || port != null) {
                result = result.withFirstListenerAddress(host, port);
            }
            return new Broker(result);
        }
    }
}
