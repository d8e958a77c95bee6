package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.server.Broker;
import io.cicada.testkit.TestPki;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New connections get a replaced certificate; established connections keep running. */
class CertificateReloadTest {

    @TempDir
    Path dir;

    @Test
    void replacedCertificateFilesServeNewConnectionsWithoutDroppingOldOnes() throws Exception {
        TestPki pki = TestPki.create(dir, "Test CA");
        TestPki.Issued first = pki.issueServer("first");
        TestPki.Issued second = pki.issueServer("second");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Files.copy(first.certFile(), cert);
        Files.copy(first.keyFile(), key);
        TlsSettings tls = TlsSettings.pem(cert, key);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls))) {
            Mqtt5BlockingClient old = SecureBrokers.tlsClient(broker, "old", pki, null, java.util.List.of("TLSv1.3"));
            old.connect();
            assertThat(serverSerial(broker.port()))
                    .isEqualTo(first.certificate().getSerialNumber());

            Files.copy(second.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
            broker.reloadSecurity();

            assertThat(serverSerial(broker.port()))
                    .isEqualTo(second.certificate().getSerialNumber());
            old.publishWith().topic("still/here").send();
            assertThat(old.getState().isConnected()).isTrue();
            old.disconnect();
        }
    }

    @Test
    void aBrokenReplacementKeepsThePreviousCertificate() throws Exception {
        TestPki pki = TestPki.create(dir, "Test CA");
        TestPki.Issued first = pki.issueServer("first");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Files.copy(first.certFile(), cert);
        Files.copy(first.keyFile(), key);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", TlsSettings.pem(cert, key)))) {
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nhalf written");
            broker.reloadSecurity();

            assertThat(serverSerial(broker.port()))
                    .isEqualTo(first.certificate().getSerialNumber());
        }
    }

    /** The serial number of the certificate the broker presents to a new connection. */
    private static BigInteger serverSerial(int port) throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        SSLSocketFactory factory = context.getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
        }
        return seen.get().getSerialNumber();
    }
}
