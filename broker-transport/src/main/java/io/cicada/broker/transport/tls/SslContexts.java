package io.cicada.broker.transport.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a Netty server {@link SslContext} from {@link TlsSettings}: key material from PEM files or a key store,
 * client-certificate trust from a CA file with an optional CRL (PKIX with revocation checking against that list only,
 * no network look-ups), protocol versions, and the provider. Stateless; called at start-up and on reload.
 */
final class SslContexts {

    private SslContexts() {}

    /** The provider {@code AUTO} resolves to here: BoringSSL when netty-tcnative loads, the JDK otherwise. */
    static SslProvider resolve(TlsSettings.TlsProvider provider) {
        return switch (provider) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new TlsConfigException("TLS provider openssl is not available: "
                            + OpenSsl.unavailabilityCause().getMessage()
                            + " (add io.netty:netty-tcnative-boringssl-static to the class path)");
                }
                yield SslProvider.OPENSSL;
            }
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /**
     * @throws TlsConfigException naming the file that could not be used and why
     */
    static SslContext build(TlsSettings settings) {
        SslContextBuilder builder = keyMaterial(settings);
        if (settings.caFile() != null) {
            builder.trustManager(trust(settings.caFile(), settings.crlFile()));
        }
        builder.clientAuth(
                switch (settings.clientCertificates()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        builder.protocols(settings.protocols());
        builder.sslProvider(resolve(settings.provider()));
        try {
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException("cannot set up TLS with " + settings + ": " + message(e), e);
        }
    }

    private static SslContextBuilder keyMaterial(TlsSettings settings) {
        if (settings.keyStore() != null) {
            Path path = settings.keyStore();
            char[] password = settings.keyStorePassword() == null
                    ? new char[0]
                    : settings.keyStorePassword().toCharArray();
            try {
                KeyStore store = loadKeyStore(path, password);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                return SslContextBuilder.forServer(factory);
            } catch (IOException | GeneralSecurityException e) {
                throw new TlsConfigException("cannot read keystore " + path + ": " + message(e), e);
            }
        }
        requireReadable(settings.certFile(), "certfile");
        requireReadable(settings.keyFile(), "keyfile");
        try {
            return SslContextBuilder.forServer(
                    settings.certFile().toFile(), settings.keyFile().toFile(), settings.keyPassword());
        } catch (RuntimeException e) {
            throw new TlsConfigException(
                    "cannot read certfile " + settings.certFile() + " or keyfile " + settings.keyFile() + ": "
                            + message(e),
                    e);
        }
    }

    private static KeyStore loadKeyStore(Path path, char[] password) throws IOException, GeneralSecurityException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    private static TrustManagerFactory trust(Path caFile, Path crlFile) {
        requireReadable(caFile, "cafile");
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            Collection<? extends java.security.cert.Certificate> cas;
            try (InputStream in = Files.newInputStream(caFile)) {
                cas = certificates.generateCertificates(in);
            }
            if (cas.isEmpty()) {
                throw new TlsConfigException("cafile " + caFile + " holds no certificate");
            }
            int i = 0;
            for (java.security.cert.Certificate ca : cas) {
                anchors.setCertificateEntry("ca-" + i++, (X509Certificate) ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            if (crlFile == null) {
                factory.init(anchors);
                return factory;
            }
            requireReadable(crlFile, "crlfile");
            Collection<? extends java.security.cert.CRL> crls;
            try (InputStream in = Files.newInputStream(crlFile)) {
                crls = certificates.generateCRLs(in);
            }
            if (crls.isEmpty() || !(crls.iterator().next() instanceof X509CRL)) {
                throw new TlsConfigException("crlfile " + crlFile + " holds no X.509 CRL");
            }
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            parameters.setRevocationEnabled(true);
            factory.init(new CertPathTrustManagerParameters(parameters));
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException(
                    "cannot read cafile " + caFile + (crlFile == null ? "" : " or crlfile " + crlFile) + ": "
                            + message(e),
                    e);
        }
    }

    private static void requireReadable(Path path, String what) {
        if (!Files.isReadable(path)) {
            throw new TlsConfigException(what + " " + path + " does not exist or is not readable");
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null ? root.getClass().getSimpleName() : text;
    }

    static List<String> protocolsOf(SslContext context) {
        return List.of(
                context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT).getEnabledProtocols());
    }
}
