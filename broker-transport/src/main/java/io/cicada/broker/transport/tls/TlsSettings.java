package io.cicada.broker.transport.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one listener does TLS: its own certificate (PEM files or a key store), the client certificates it asks for and
 * trusts, revocation, protocol versions, and whether a client certificate names the user. Immutable.
 *
 * @param certFile PEM certificate chain (with {@code keyFile}), or null when {@code keyStore} is used
 * @param keyFile PEM private key, PKCS#8 or PKCS#1 (with {@code certFile})
 * @param keyPassword password of an encrypted {@code keyFile}, or null
 * @param keyStore PKCS#12 or JKS key store holding the key and chain, or null when PEM files are used
 * @param keyStorePassword the key store's password (also the key's), or null
 * @param caFile PEM CA certificates that sign accepted client certificates; null trusts none (no mTLS)
 * @param clientCertificates whether a client must, may, or does not present a certificate
 * @param crlFile PEM or DER certificate revocation list checked for client certificates, or null
 * @param protocols enabled protocol versions, from {@code TLSv1.2} and {@code TLSv1.3}
 * @param certificateUsername whether the client certificate's CN or whole subject becomes the user name
 * @param provider which TLS implementation to use
 */
public record TlsSettings(
        Path certFile,
        Path keyFile,
        String keyPassword,
        Path keyStore,
        String keyStorePassword,
        Path caFile,
        ClientCertificates clientCertificates,
        Path crlFile,
        List<String> protocols,
        CertificateUsername certificateUsername,
        TlsProvider provider) {

    /** TLS 1.2 and 1.3, the versions a listener enables by default. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Whether a client must present a certificate. */
    public enum ClientCertificates {
        NONE,
        OPTIONAL,
        REQUIRE
    }

    /** Mosquitto's {@code use_identity_as_username} (the CN) and {@code use_subject_as_username} (the DN). */
    public enum CertificateUsername {
        NONE,
        COMMON_NAME,
        SUBJECT
    }

    /** JDK SSLEngine, BoringSSL ({@code netty-tcnative-boringssl-static}), or BoringSSL when it loads. */
    public enum TlsProvider {
        AUTO,
        JDK,
        OPENSSL
    }

    public TlsSettings {
        Objects.requireNonNull(clientCertificates, "clientCertificates");
        Objects.requireNonNull(certificateUsername, "certificateUsername");
        Objects.requireNonNull(provider, "provider");
        protocols = List.copyOf(protocols);
        boolean pem = certFile != null || keyFile != null;
        if (pem == (keyStore != null)) {
            throw new IllegalArgumentException("TLS needs either certfile and keyfile, or a keystore");
        }
        if (pem && (certFile == null || keyFile == null)) {
            throw new IllegalArgumentException("TLS needs both certfile and keyfile");
        }
        if (clientCertificates != ClientCertificates.NONE && caFile == null) {
            throw new IllegalArgumentException("client certificates need a cafile to verify them");
        }
        if (certificateUsername != CertificateUsername.NONE && clientCertificates != ClientCertificates.REQUIRE) {
            throw new IllegalArgumentException(
                    "using the certificate as user name needs require_certificate (client certificates: require)");
        }
        if (crlFile != null && caFile == null) {
            throw new IllegalArgumentException("a crlfile needs a cafile");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
        for (String protocol : protocols) {
            if (!DEFAULT_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("TLS protocol must be TLSv1.2 or TLSv1.3, got '" + protocol + "'");
            }
        }
    }

    /** Server TLS with a PEM certificate chain and key, no client certificates, TLS 1.2 and 1.3. */
    public static TlsSettings pem(Path certFile, Path keyFile) {
        return new TlsSettings(
                certFile,
                keyFile,
                null,
                null,
                null,
                null,
                ClientCertificates.NONE,
                null,
                DEFAULT_PROTOCOLS,
                CertificateUsername.NONE,
                TlsProvider.AUTO);
    }

    /** Server TLS from a PKCS#12 or JKS key store. */
    public static TlsSettings keyStore(Path keyStore, String password) {
        return new TlsSettings(
                null,
                null,
                null,
                keyStore,
                password,
                null,
                ClientCertificates.NONE,
                null,
                DEFAULT_PROTOCOLS,
                CertificateUsername.NONE,
                TlsProvider.AUTO);
    }

    /** These settings asking for client certificates signed by {@code ca}. */
    public TlsSettings withClientCertificates(ClientCertificates mode, Path ca) {
        return new TlsSettings(
                certFile,
                keyFile,
                keyPassword,
                keyStore,
                keyStorePassword,
                ca,
                mode,
                crlFile,
                protocols,
                certificateUsername,
                provider);
    }

    public TlsSettings withCrlFile(Path crl) {
        return new TlsSettings(
                certFile,
                keyFile,
                keyPassword,
                keyStore,
                keyStorePassword,
                caFile,
                clientCertificates,
                crl,
                protocols,
                certificateUsername,
                provider);
    }

    public TlsSettings withProtocols(List<String> newProtocols) {
        return new TlsSettings(
                certFile,
                keyFile,
                keyPassword,
                keyStore,
                keyStorePassword,
                caFile,
                clientCertificates,
                crlFile,
                newProtocols,
                certificateUsername,
                provider);
    }

    public TlsSettings withCertificateUsername(CertificateUsername mode) {
        return new TlsSettings(
                certFile,
                keyFile,
                keyPassword,
                keyStore,
                keyStorePassword,
                caFile,
                clientCertificates,
                crlFile,
                protocols,
                mode,
                provider);
    }

    public TlsSettings withProvider(TlsProvider newProvider) {
        return new TlsSettings(
                certFile,
                keyFile,
                keyPassword,
                keyStore,
                keyStorePassword,
                caFile,
                clientCertificates,
                crlFile,
                protocols,
                certificateUsername,
                newProvider);
    }

    public TlsSettings withKeyPassword(String password) {
        return new TlsSettings(
                certFile,
                keyFile,
                password,
                keyStore,
                keyStorePassword,
                caFile,
                clientCertificates,
                crlFile,
                protocols,
                certificateUsername,
                provider);
    }

    /** The files whose change should reload the certificates. */
    public List<Path> watchedFiles() {
        return java.util.stream.Stream.of(certFile, keyFile, keyStore, caFile, crlFile)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Leaves passwords out. */
    @Override
    public String toString() {
        return "TlsSettings[" + (keyStore != null ? "keystore=" + keyStore : "certfile=" + certFile)
                + ", clientCertificates=" + clientCertificates + ", protocols=" + protocols + ", provider="
                + provider + "]";
    }
}
