package io.cicada.cli.options;

import io.cicada.cli.client.Endpoint;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Will;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The connection flags shared by {@code pub}, {@code sub} and {@code rr}, spelled as Mosquitto's clients spell them
 * ({@code -h -p -V -i -I -u -P -k -c -x --will-* --cafile --cert --key -D}). A picocli mixin, filled and read on the
 * main thread.
 */
public final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-h", "--host"},
            paramLabel = "HOST",
            description = "Broker host (default: ${DEFAULT-VALUE}).")
    public String host = "localhost";

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            description = "Broker port (default: 1883, or 8883 with --cafile).")
    public Integer port;

    @Option(
            names = {"-V", "--protocol-version"},
            paramLabel = "VERSION",
            description = "MQTT version: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31; default: 311).")
    public String protocolVersion = "311";

    @Option(
            names = {"-i", "--id"},
            paramLabel = "ID",
            description = "Client identifier (default: a random one).")
    public String clientId;

    @Option(
            names = {"-I", "--id-prefix"},
            paramLabel = "PREFIX",
            description = "Client identifier prefix; the process id is appended.")
    public String clientIdPrefix;

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER")
    public String username;

    @Option(
            names = {"-P", "--pw"},
            paramLabel = "PASSWORD",
            description = "Password (needs -u for MQTT 3.1.1).")
    public String password;

    @Option(
            names = {"-k", "--keepalive"},
            paramLabel = "SECONDS",
            description = "Keep alive in seconds, 0 for none (default: ${DEFAULT-VALUE}).")
    public int keepAlive = 60;

    @Option(
            names = {"-c", "--disable-clean-session"},
            description = "Keep the session after disconnecting (clean session / clean start off; needs -i).")
    public boolean persistentSession;

    @Option(
            names = {"-x", "--session-expiry-interval"},
            paramLabel = "SECONDS",
            description = "MQTT 5 session expiry interval; with -c and no -x the session never expires.")
    public Long sessionExpiry;

    @Option(names = "--will-topic", paramLabel = "TOPIC")
    public String willTopic;

    @Option(names = "--will-payload", paramLabel = "MESSAGE")
    public String willPayload;

    @Option(names = "--will-qos", paramLabel = "QOS")
    public int willQos;

    @Option(names = "--will-retain")
    public boolean willRetain;

    @Option(names = "--cafile", paramLabel = "FILE", description = "PEM CA certificates: connect over TLS.")
    public File caFile;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate for mutual TLS (with --key).")
    public File certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --cert.")
    public File keyFile;

    @Option(names = "--insecure", description = "Do not check that the broker's certificate names the host.")
    public boolean insecure;

    @Option(
            names = "-D",
            paramLabel = "COMMAND IDENTIFIER VALUE",
            arity = "0",
            parameterConsumer = PropertyArgs.Parser.class,
            description = "MQTT 5 property, e.g. -D publish user-property key value, -D publish message-expiry-interval"
                    + " 30, -D connect session-expiry-interval 60. Repeatable.")
    public PropertyArgs properties = new PropertyArgs();

    @Option(
            names = {"-L", "--url"},
            paramLabel = "URL",
            description = "mqtt(s)://[USER[:PASSWORD]@]HOST[:PORT]/TOPIC: broker, credentials and topic in one, as"
                    + " mosquitto_pub/sub -L (mqtts: TLS, port 8883).")
    public String url;

    /** Set by {@link #applyUrl()} for an {@code mqtts://} URL: TLS even without {@code --cafile}. */
    private boolean urlTls;

    @Option(
            names = {"-d", "--debug"},
            description = "Print the MQTT exchange (CONNACK, SUBACK, acknowledgements) on standard error.")
    public boolean debug;

    /** With {@code -d}, prints {@code Client ID LINE} on standard error, as {@code mosquitto_pub -d} does. */
    public void debug(String clientId, String line) {
        if (debug) {
            spec.commandLine().getErr().println("Client " + clientId + " " + line);
            spec.commandLine().getErr().flush();
        }
    }

    /** The parsed {@code -V}. */
    public MqttVersion version() {
        return switch (protocolVersion.toLowerCase(java.util.Locale.ROOT)) {
            case "5", "mqttv5" -> MqttVersion.MQTT_5;
            case "311", "mqttv311" -> MqttVersion.MQTT_3_1_1;
            case "31", "mqttv31" -> MqttVersion.MQTT_3_1;
            default -> throw usage("-V " + protocolVersion + ": expected 5, 311 or 31");
        };
    }

    /** The CONNECT this command sends. */
    public Connect connect() {
        MqttVersion version = version();
        if (properties.any() && !version.isV5()) {
            throw usage("-D needs MQTT 5 (-V 5)");
        }
        if (password != null && username == null && !version.isV5()) {
            throw usage("-P needs -u for MQTT " + version);
        }
        if (persistentSession && clientId == null) {
            throw usage("-c needs a client id (-i)");
        }
        if (willQos < 0 || willQos > 2) {
            throw usage("--will-qos " + willQos + ": expected 0, 1 or 2");
        }
        Properties.Builder connectProperties = properties.forCommand("connect").toBuilder();
        if (version.isV5() && sessionExpiry != null) {
            connectProperties.sessionExpiryInterval(sessionExpiry);
        } else if (version.isV5() && persistentSession) {
            connectProperties.sessionExpiryInterval(0xFFFF_FFFFL);
        }
        Will will = null;
        if (willTopic != null) {
            byte[] body = willPayload == null ? new byte[0] : willPayload.getBytes(StandardCharsets.UTF_8);
            will = new Will(
                    willTopic,
                    Payload.wrap(body),
                    willQos,
                    willRetain,
                    version.isV5() ? properties.forCommand("will") : Properties.EMPTY);
        } else if (willPayload != null) {
            throw usage("--will-payload needs --will-topic");
        }
        return new Connect(
                version,
                effectiveClientId(),
                !persistentSession,
                keepAlive,
                username,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                will,
                version.isV5() ? connectProperties.build() : Properties.EMPTY);
    }

    /** The client id to use: {@code -i}, else {@code -I} plus the process id, else a random one. */
    public String effectiveClientId() {
        if (clientId != null) {
            return clientId;
        }
        if (clientIdPrefix != null) {
            return clientIdPrefix + ProcessHandle.current().pid();
        }
        return "cicada-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /**
     * Applies {@code -L}: its host, port, user name and password replace those of {@code -h -p -u -P}; returns its
     * topic, or null without {@code -L}.
     */
    public String applyUrl() {
        if (url == null) {
            return null;
        }
        MqttUrl parsed;
        try {
            parsed = MqttUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw usage("-L " + url + ": " + e.getMessage());
        }
        host = parsed.host();
        if (parsed.port() != null) {
            port = parsed.port();
        }
        if (parsed.username() != null) {
            username = parsed.username();
        }
        if (parsed.password() != null) {
            password = parsed.password();
        }
        urlTls = parsed.tls();
        return parsed.topic();
    }

    /** Where to connect, with TLS when {@code --cafile} (or {@code --cert}, or an {@code mqtts://} URL) is given. */
    public Endpoint endpoint() {
        SslContext ssl = null;
        if (caFile != null || certFile != null || insecure || urlTls) {
            ssl = sslContext();
        }
        int effectivePort = port != null ? port : ssl != null ? 8883 : 1883;
        return new Endpoint(host, effectivePort, ssl, 10_000);
    }

    private SslContext sslContext() {
        if ((certFile == null) != (keyFile == null)) {
            throw usage("--cert and --key go together");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (caFile != null) {
                builder.trustManager(caFile);
            } else if (insecure) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            builder.endpointIdentificationAlgorithm(insecure ? null : "HTTPS");
            if (certFile != null) {
                builder.keyManager(certFile, keyFile);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw usage("TLS set-up failed: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
