package io.cicada.broker.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of one listener: the current {@link SslContext}, replaced by {@link #reload()} when the certificate files
 * change, so that new connections get the new certificate while established ones keep theirs. Thread-safe: the context
 * is a volatile field read by every event loop as it accepts a connection; {@link #reload()} runs on any thread.
 */
public final class ListenerTls {

    private static final Logger log = LoggerFactory.getLogger(ListenerTls.class);
    /** How long a client may take to finish the handshake before the connection is closed. */
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final String listenerName;
    private final TlsSettings settings;
    private final SslProvider provider;
    private volatile SslContext context;

    private ListenerTls(String listenerName, TlsSettings settings) {
        this.listenerName = listenerName;
        this.settings = settings;
        this.provider = SslContexts.resolve(settings.provider());
        this.context = SslContexts.build(settings);
    }

    /**
     * Reads the certificate and key files now.
     *
     * @throws TlsConfigException with the file and the reason when they cannot be used
     */
    public static ListenerTls create(String listenerName, TlsSettings settings) {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(settings, "settings");
        ListenerTls tls = new ListenerTls(listenerName, settings);
        log.info(
                "listener '{}' uses TLS ({}, {}, client certificates: {})",
                listenerName,
                tls.providerName(),
                String.join(", ", settings.protocols()),
                settings.clientCertificates().name().toLowerCase(java.util.Locale.ROOT));
        return tls;
    }

    /**
     * Reads the files again and uses them for new connections. When they cannot be used (a half-written file, a key
     * that does not match) the previous certificate stays in use and the reason is logged. Returns whether the new
     * files are in use.
     */
    public boolean reload() {
        try {
            context = SslContexts.build(settings);
            log.info("listener '{}' reloaded its TLS certificate", listenerName);
            return true;
        } catch (TlsConfigException e) {
            log.warn("listener '{}' keeps its previous TLS certificate: {}", listenerName, e.getMessage());
            return false;
        }
    }

    /** Adds the TLS handler (first in the pipeline) and its failure log. Runs on the channel's event loop. */
    public void addTo(Channel channel, ChannelPipeline pipeline) {
        SslHandler handler = context.newHandler(channel.alloc());
        handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        pipeline.addLast("tls", handler);
        pipeline.addLast("tls-failure", new TlsFailureHandler(listenerName));
    }

    /**
     * Adds the handler that replaces a CONNECT's user name with the client certificate's identity, when this
     * listener is configured so; call it after the decoder.
     */
    public void addCertificateUsernameTo(ChannelPipeline pipeline) {
        if (settings.certificateUsername() != TlsSettings.CertificateUsername.NONE) {
            pipeline.addLast("certificate-username", new CertificateUsernameHandler(settings.certificateUsername()));
        }
    }

    /** Whether this listener's user names come from client certificates (so passwords are not asked for). */
    public boolean certificateIsUsername() {
        return settings.certificateUsername() != TlsSettings.CertificateUsername.NONE;
    }

    /** {@code jdk} or {@code openssl}. */
    public String providerName() {
        return provider == SslProvider.JDK ? "jdk" : "openssl";
    }

    public TlsSettings settings() {
        return settings;
    }

    public String listenerName() {
        return listenerName;
    }
}
