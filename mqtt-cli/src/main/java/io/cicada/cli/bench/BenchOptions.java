package io.cicada.cli.bench;

import io.cicada.cli.client.Endpoint;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Properties;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags every {@code bench} command shares: where to connect, how many clients at which rate, for how long, and
 * where to write the results. A picocli mixin, read on the main thread.
 */
public final class BenchOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-h", "--host"},
            paramLabel = "HOST",
            description = "Broker host (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            description = "Broker port (default: 1883, 8883 with --tls, 8083 with --ws).")
    Integer port;

    @Option(
            names = {"-V", "--protocol-version"},
            paramLabel = "VERSION",
            description = "MQTT version: 5 or 311 (default: ${DEFAULT-VALUE}).")
    String protocolVersion = "311";

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            description = "Number of clients (default: ${DEFAULT-VALUE}).")
    int clients = 10;

    @Option(
            names = "--connect-rate",
            paramLabel = "PER_SECOND",
            description = "New connections per second (default: ${DEFAULT-VALUE}).")
    int connectRate = 1000;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "SECONDS",
            description = "How long to run once every client is connected (default: ${DEFAULT-VALUE}).")
    int durationSeconds = 10;

    @Option(
            names = {"-I", "--id-prefix"},
            paramLabel = "PREFIX",
            description = "Client id prefix; the client index is appended (default: ${DEFAULT-VALUE}).")
    String idPrefix = "bench-";

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER")
    String username;

    @Option(
            names = {"-P", "--pw"},
            paramLabel = "PASSWORD")
    String password;

    @Option(
            names = {"-k", "--keepalive"},
            paramLabel = "SECONDS",
            description = "Keep alive (default: ${DEFAULT-VALUE}).")
    int keepAlive = 60;

    @Option(names = "--tls", description = "Connect over TLS (with --cafile, or trusting any certificate).")
    boolean tls;

    @Option(names = "--ws", description = "MQTT over WebSocket (ws://, or wss:// with --tls), upgrading on --ws-path.")
    boolean webSocket;

    @Option(
            names = "--ws-path",
            paramLabel = "PATH",
            description = "HTTP path of the WebSocket upgrade; implies --ws (default: /mqtt).")
    String webSocketPath;

    @Option(names = "--cafile", paramLabel = "FILE", description = "PEM CA certificates for --tls.")
    File caFile;

    @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one line per second to FILE.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary as JSON to FILE.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Write the latency distribution as SVG.")
    Path plot;

    @Option(names = "--no-progress", description = "No progress line every second.")
    boolean quiet;

    MqttVersion version() {
        return switch (protocolVersion) {
            case "5", "mqttv5" -> MqttVersion.MQTT_5;
            case "311", "mqttv311" -> MqttVersion.MQTT_3_1_1;
            default -> throw usage("-V " + protocolVersion + ": expected 5 or 311");
        };
    }

    void validate() {
        version();
        if (webSocketPath != null && !webSocketPath.startsWith("/")) {
            throw usage("--ws-path " + webSocketPath + ": expected a path starting with /");
        }
        if (clients < 1 || connectRate < 1 || durationSeconds < 0) {
            throw usage("-c and --connect-rate must be 1 or more, -d 0 or more");
        }
    }

    /** {@code tcp}, {@code tls}, {@code ws} or {@code wss}: for the summary line. */
    String transportName() {
        boolean ws = webSocket || webSocketPath != null;
        return ws ? (tls ? "wss" : "ws") : (tls ? "tls" : "tcp");
    }

    /** The CONNECT of client {@code index} (clean start; a session of MQTT 5 ends with the connection). */
    Connect connect(int index) {
        return new Connect(
                version(),
                idPrefix + index,
                true,
                keepAlive,
                username,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                null,
                Properties.EMPTY);
    }

    Endpoint endpoint() {
        String path = webSocketPath != null ? webSocketPath : webSocket ? "/mqtt" : null;
        if (!tls) {
            return new Endpoint(host, port != null ? port : path != null ? 8083 : 1883, null, 10_000, path);
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (caFile != null) {
                builder.trustManager(caFile).endpointIdentificationAlgorithm("HTTPS");
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            }
            return new Endpoint(host, port == null ? 8883 : port, builder.build(), 10_000, path);
        } catch (SSLException e) {
            throw usage("TLS set-up failed: " + e.getMessage());
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
