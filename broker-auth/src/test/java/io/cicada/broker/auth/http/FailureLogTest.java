package io.cicada.broker.auth.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failure lines are rate-limited per URL; the peer host is taken from {@code host:port} addresses. */
class FailureLogTest {

    @Test
    void logsOncePerIntervalAndUrl() {
        AtomicLong now = new AtomicLong(1_000);
        FailureLog log = new FailureLog(10, now::get);
        URI a = URI.create("http://a/authz");
        URI b = URI.create("http://b/authz");

        assertThat(log.failed(a, "down", FailurePolicy.DENY)).isTrue();
        assertThat(log.failed(a, "down", FailurePolicy.DENY)).isFalse();
        assertThat(log.failed(b, "down", FailurePolicy.DENY)).isTrue(); // another URL has its own window
        now.addAndGet(10);
        assertThat(log.failed(a, "down", FailurePolicy.DENY)).isTrue();
    }

    @Test
    void peerHostDropsThePortAndIpv6Brackets() {
        assertThat(HttpAuthenticator.host("192.0.2.1:1883")).isEqualTo("192.0.2.1");
        assertThat(HttpAuthenticator.host("[::1]:1883")).isEqualTo("::1");
        assertThat(HttpAuthenticator.host(null)).isNull();
    }

    @Test
    void failurePolicyParsesItsConfigWords() {
        assertThat(FailurePolicy.parse("Next")).isEqualTo(FailurePolicy.NEXT);
        assertThat(FailurePolicy.DENY).hasToString("deny");
    }
}
