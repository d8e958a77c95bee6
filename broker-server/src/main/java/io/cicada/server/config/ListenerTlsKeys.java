package io.cicada.server.config;

import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.broker.transport.tls.TlsSettings.CertificateUsername;
import io.cicada.broker.transport.tls.TlsSettings.ClientCertificates;
import io.cicada.broker.transport.tls.TlsSettings.TlsProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Collects the TLS keys of one listener, spelled as in Mosquitto ({@code certfile}, {@code keyfile}, {@code cafile},
 * {@code require_certificate}, {@code use_identity_as_username}, {@code use_subject_as_username}, {@code crlfile},
 * {@code tls_version}) plus Cicada's {@code keystore}, {@code keystore_password}, {@code keyfile_password},
 * {@code client_certificates} and {@code tls_provider}; a listener with a {@code certfile} or {@code keystore} is a TLS
 * listener. Used by the YAML and the Mosquitto configuration readers; one instance per listener, not thread-safe.
 */
final class ListenerTlsKeys {

    /** The keys a listener entry may have for TLS, in documentation order. */
    static final List<String> KEYS = List.of(
            "certfile",
            "keyfile",
            "keyfile_password",
            "keystore",
            "keystore_password",
            "cafile",
            "require_certificate",
            "client_certificates",
            "crlfile",
            "use_identity_as_username",
            "use_subject_as_username",
            "tls_version",
            "tls_provider");

    private static final ValueType PATH = ValueType.text(4096);
    private static final ValueType BOOL = ValueType.bool();

    private Path certFile;
    private Path keyFile;
    private String keyPassword;
    private Path keyStore;
    private String keyStorePassword;
    private Path caFile;
    private ClientCertificates clientCertificates;
    private Path crlFile;
    private CertificateUsername certificateUsername = CertificateUsername.NONE;
    private List<String> protocols = TlsSettings.DEFAULT_PROTOCOLS;
    private TlsProvider provider = TlsProvider.AUTO;
    private String firstOrigin;

    /** Stores one key; {@code origin} names the file and line for errors. */
    void set(String key, String text, String origin) {
        if (firstOrigin == null) {
            firstOrigin = origin;
        }
        switch (key) {
            case "certfile" -> certFile = path(key, text, origin);
            case "keyfile" -> keyFile = path(key, text, origin);
            case "keyfile_password" -> keyPassword = (String) ConfigKey.parse(key, PATH, text, origin);
            case "keystore" -> keyStore = path(key, text, origin);
            case "keystore_password" -> keyStorePassword = (String) ConfigKey.parse(key, PATH, text, origin);
            case "cafile" -> caFile = path(key, text, origin);
            case "require_certificate" ->
                clientCertificates = (boolean) ConfigKey.parse(key, BOOL, text, origin)
                        ? ClientCertificates.REQUIRE
                        : ClientCertificates.NONE;
            case "client_certificates" ->
                clientCertificates = ClientCertificates.valueOf(((String) ConfigKey.parse(
                                key, ValueType.choice(List.of("none", "optional", "require")), text, origin))
                        .toUpperCase(Locale.ROOT));
            case "crlfile" -> crlFile = path(key, text, origin);
            case "use_identity_as_username" -> {
                if ((boolean) ConfigKey.parse(key, BOOL, text, origin)) {
                    certificateUsername = CertificateUsername.COMMON_NAME;
                }
            }
            case "use_subject_as_username" -> {
                if ((boolean) ConfigKey.parse(key, BOOL, text, origin)) {
                    certificateUsername = CertificateUsername.SUBJECT;
                }
            }
            // As in Mosquitto 2.0, the lowest version accepted.
            case "tls_version" ->
                protocols = "tlsv1.3"
                                .equals(ConfigKey.parse(
                                        key, ValueType.choice(List.of("tlsv1.2", "tlsv1.3")), text, origin))
                        ? List.of("TLSv1.3")
                        : TlsSettings.DEFAULT_PROTOCOLS;
            case "tls_provider" ->
                provider = TlsProvider.valueOf(((String)
                                ConfigKey.parse(key, ValueType.choice(List.of("auto", "jdk", "openssl")), text, origin))
                        .toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("not a TLS key: " + key);
        }
    }

    /** Whether any TLS key was given. */
    boolean present() {
        return firstOrigin != null;
    }

    /**
     * The listener's TLS settings.
     *
     * @throws ConfigException at the first TLS key's origin when the combination is not usable
     */
    TlsSettings build() {
        ClientCertificates mode = clientCertificates;
        if (mode == null) {
            mode = ClientCertificates.NONE;
        }
        try {
            return new TlsSettings(
                    certFile,
                    keyFile,
                    keyPassword,
                    keyStore,
                    keyStorePassword,
                    caFile,
                    mode,
                    crlFile,
                    protocols,
                    certificateUsername,
                    provider);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(firstOrigin, e.getMessage());
        }
    }

    private static Path path(String key, String text, String origin) {
        return Path.of((String) ConfigKey.parse(key, PATH, text, origin));
    }
}
