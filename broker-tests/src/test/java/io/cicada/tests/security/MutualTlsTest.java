package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cicada.broker.transport.tls.TlsSettings;
import io.cicada.broker.transport.tls.TlsSettings.CertificateUsername;
import io.cicada.broker.transport.tls.TlsSettings.ClientCertificates;
import io.cicada.server.Broker;
import io.cicada.testkit.MosquittoClients;
import io.cicada.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates: required or optional, wrong CA, revocation lists, and the certificate as user name. */
class MutualTlsTest {

    private static final List<String> TLS13 = List.of("TLSv1.3");

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki.Issued server;
    static TestPki.Issued alice;
    static TestPki.Issued mallory;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(dir, "Test CA");
        server = pki.issueServer("server");
        alice = pki.issueClient("alice");
        mallory = pki.issueClient("mallory");
    }

    private static TlsSettings tls(ClientCertificates mode) {
        return TlsSettings.pem(server.certFile(), server.keyFile()).withClientCertificates(mode, pki.caFile());
    }

    @Test
    void requiredCertificateAcceptsOurCaAndRefusesNoneOrAnotherCa() {
        TestPki other = TestPki.create(dir, "Other CA");
        TestPki.Issued stranger = other.issueClient("stranger");
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls(ClientCertificates.REQUIRE)))) {
            Mqtt5BlockingClient good = SecureBrokers.tlsClient(broker, "alice", pki, alice, TLS13);
            good.connect();

            assertThatThrownBy(SecureBrokers.tlsClient(broker, "none", pki, null, TLS13)::connect)
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(SecureBrokers.tlsClient(broker, "stranger", pki, stranger, TLS13)::connect)
                    .isInstanceOf(RuntimeException.class);

            assertThat(good.getState().isConnected()).isTrue();
            good.disconnect();
        }
    }

    @Test
    void optionalCertificateAcceptsClientsWithAndWithout() {
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", tls(ClientCertificates.OPTIONAL)))) {
            Mqtt5BlockingClient with = SecureBrokers.tlsClient(broker, "with", pki, alice, TLS13);
            Mqtt5BlockingClient without = SecureBrokers.tlsClient(broker, "without", pki, null, TLS13);
            with.connect();
            without.connect();
            with.disconnect();
            without.disconnect();
        }
    }

    @Test
    void revokedCertificateIsRefusedOthersAreAccepted() {
        Path crl = pki.revocationList(mallory);
        TlsSettings settings = tls(ClientCertificates.REQUIRE).withCrlFile(crl);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", settings))) {
            assertThatThrownBy(SecureBrokers.tlsClient(broker, "mallory", pki, mallory, TLS13)::connect)
                    .isInstanceOf(RuntimeException.class);
            Mqtt5BlockingClient good = SecureBrokers.tlsClient(broker, "alice", pki, alice, TLS13);
            good.connect();
            good.disconnect();
        }
    }

    @Test
    void mosquittoClientsPresentCertificatesAndARevokedOneIsRefused() {
        Path crl = pki.revocationList(mallory);
        TlsSettings settings = tls(ClientCertificates.REQUIRE).withCrlFile(crl);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", settings))) {
            MosquittoClients mosquitto = MosquittoClients.forBroker("127.0.0.1", broker.port());
            String ca = pki.caFile().toString();
            mosquitto
                    .publish(
                            "--cafile",
                            ca,
                            "--cert",
                            alice.certFile().toString(),
                            "--key",
                            alice.keyFile().toString(),
                            "-t",
                            "a",
                            "-m",
                            "hi")
                    .assertSuccess();
            assertThat(mosquitto
                            .publish("--cafile", ca, "-t", "a", "-m", "no cert")
                            .exitCode())
                    .isNotZero();
            assertThat(mosquitto
                            .publish(
                                    "--cafile",
                                    ca,
                                    "--cert",
                                    mallory.certFile().toString(),
                                    "--key",
                                    mallory.keyFile().toString(),
                                    "-t",
                                    "a",
                                    "-m",
                                    "revoked")
                            .exitCode())
                    .isNotZero();
        }
    }

    @Test
    void commonNameBecomesTheUserNameForTheAclWithoutAPassword() throws Exception {
        Path acl = dir.resolve("cn.acl");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\n");
        TlsSettings settings = tls(ClientCertificates.REQUIRE).withCertificateUsername(CertificateUsername.COMMON_NAME);
        Path passwords = dir.resolve("empty-passwd");
        Files.writeString(passwords, "");
        try (Broker broker = SecureBrokers.start(
                s -> s.withTls("tcp", settings).withAclFile(acl).withPasswordFile(passwords))) {
            Mqtt5BlockingClient client = SecureBrokers.tlsClient(broker, "c1", pki, alice, TLS13);
            client.connect();
            client.subscribeWith().topicFilter("alice/in").send();
            assertThatThrownBy(
                            () -> client.subscribeWith().topicFilter("bob/in").send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCodes())
                            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
            client.disconnect();
        }
    }

    @Test
    void subjectBecomesTheUserName() throws Exception {
        Path acl = dir.resolve("dn.acl");
        // Like Mosquitto, the subject in RFC 2253 form: the last RDN of the certificate's sequence first.
        String subject = alice.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253);
        assertThat(subject).isEqualTo("O=Cicada tests,CN=alice");
        Files.writeString(acl, "user " + subject + "\ntopic readwrite dn/#\n");
        TlsSettings settings = tls(ClientCertificates.REQUIRE).withCertificateUsername(CertificateUsername.SUBJECT);
        try (Broker broker = SecureBrokers.start(s -> s.withTls("tcp", settings).withAclFile(acl))) {
            Mqtt5BlockingClient client = SecureBrokers.tlsClient(broker, "c2", pki, alice, TLS13);
            client.connect();
            client.subscribeWith().topicFilter("dn/x").send();
            client.disconnect();
        }
    }

    @Test
    void certificateAsUserNameNeedsARequiredCertificate() {
        assertThatThrownBy(
                        () -> tls(ClientCertificates.OPTIONAL).withCertificateUsername(CertificateUsername.COMMON_NAME))
                .hasMessageContaining("require_certificate");
    }
}
