package io.cicada.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: issues server and client certificates (EC P-256) with their keys as
 * PEM files and PKCS#12 key stores, and revocation lists, all in a temporary directory, so that no private key is
 * committed. Not thread-safe; one per test class or test.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir, "Test CA");
 * TestPki.Issued server = pki.issueServer("server");   // SAN localhost, 127.0.0.1
 * TestPki.Issued alice = pki.issueClient("alice");
 * Path crl = pki.revocationList(alice);
 * }</pre>
 */
public final class TestPki {

    /** The password of every PKCS#12 key store this class writes. */
    public static final String KEY_STORE_PASSWORD = "changeit";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path caFile;

    private TestPki(Path dir, String name, KeyPair caKeys, X509Certificate caCertificate, Path caFile) {
        this.dir = dir;
        this.name = name;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.caFile = caFile;
    }

    /** A new CA named {@code CN=name}, its certificate written to {@code dir/<name>-ca.pem}. */
    public static TestPki create(Path dir, String name) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=Cicada tests");
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys, Duration.ofDays(2))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys);
            Path caFile = dir.resolve(fileName(name) + "-ca.pem");
            writePem(caFile, certificate);
            return new TestPki(dir, name, keys, certificate, caFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate as a PEM file, what a broker's {@code cafile} or a client's {@code --cafile} takes. */
    public Path caFile() {
        return caFile;
    }

    /** Trusts this CA only, for a client's TLS configuration. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}, valid for two days. */
    public Issued issueServer(String commonName) {
        return issue(commonName, true, Duration.ofDays(2));
    }

    /** A client certificate with subject {@code CN=commonName,O=Cicada tests}, valid for two days. */
    public Issued issueClient(String commonName) {
        return issue(commonName, false, Duration.ofDays(2));
    }

    /** A revocation list signed by this CA that revokes {@code revoked}, as a PEM file. */
    public Path revocationList(Issued... revoked) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(x500(caCertificate), Date.from(now.minusSeconds(60)));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (Issued issued : revoked) {
            builder.addCRLEntry(
                    issued.certificate().getSerialNumber(), Date.from(now.minusSeconds(60)), CRLReason.keyCompromise);
        }
        try {
            X509CRLHolder crl = builder.build(signer(caKeys));
            Path file = dir.resolve(fileName(name) + "-crl-" + SERIALS.incrementAndGet() + ".pem");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(crl);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Issued issue(String commonName, boolean server, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=" + commonName + ",O=Cicada tests");
        try {
            X509v3CertificateBuilder builder = builder(x500(caCertificate), subject, keys, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(
                                    server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
            }
            X509Certificate certificate = sign(builder, caKeys);
            String base = fileName(name) + "-" + fileName(commonName) + "-" + certificate.getSerialNumber();
            Path certFile = dir.resolve(base + ".pem");
            Path keyFile = dir.resolve(base + ".key");
            Path keyStore = dir.resolve(base + ".p12");
            writePem(certFile, certificate);
            writePem(keyFile, keys.getPrivate());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), KEY_STORE_PASSWORD.toCharArray(), new Certificate[] {
                certificate, caCertificate
            });
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                store.store(out, KEY_STORE_PASSWORD.toCharArray());
            }
            return new Issued(certificate, certFile, keyFile, keyStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One issued certificate.
     *
     * @param certFile the certificate as PEM
     * @param keyFile its private key as PKCS#8 PEM
     * @param keyStore key and chain as PKCS#12, password {@link #KEY_STORE_PASSWORD}
     */
    public record Issued(X509Certificate certificate, Path certFile, Path keyFile, Path keyStore) {

        /** This certificate and key, for a client's TLS configuration. */
        public KeyManagerFactory keyManagerFactory() {
            try (java.io.InputStream in = Files.newInputStream(keyStore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, KEY_STORE_PASSWORD.toCharArray());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, KEY_STORE_PASSWORD.toCharArray());
                return factory;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeys) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signerKeys)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name x500(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(
                    object instanceof java.security.PrivateKey key
                            ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()
                            : object);
        }
    }

    private static String fileName(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
