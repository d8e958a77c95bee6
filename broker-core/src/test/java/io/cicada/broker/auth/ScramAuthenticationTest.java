package io.cicada.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.EnhancedAuthentication.Exchange;
import io.cicada.broker.auth.EnhancedAuthentication.Outcome;
import io.cicada.broker.auth.EnhancedAuthentication.Step;
import io.cicada.broker.auth.ScramCredential.ScramHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScramAuthenticationTest {
    private static final ScramAuthentication SCRAM = new ScramAuthentication(List.of(
            ScramCredential.derive("alice", "secret", ScramHash.SHA_256, 4096),
            ScramCredential.derive("alice", "secret", ScramHash.SHA_512, 4096)));

    private static Step run(ScramHash hash, String user, String password) {
        ScramClient client = new ScramClient(hash, user, password);
        Exchange exchange = SCRAM.start(client.method(), "c");
        Step first = exchange.step(client.clientFirst());
        assertThat(first.outcome()).isEqualTo(Outcome.CONTINUE);
        Step last = exchange.step(client.clientFinal(first.serverData()));
        if (last.outcome() == Outcome.SUCCESS) {
            assertThat(client.verifyServerFinal(last.serverData())).isTrue(); // the server proves it, too
        }
        return last;
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void rightPasswordAuthenticatesTheUser(ScramHash hash) {
        Step step = run(hash, "alice", "secret");
        assertThat(step.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(step.username()).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void wrongPasswordAndUnknownUserFailAlike(ScramHash hash) {
        assertThat(run(hash, "alice", "guess").outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(run(hash, "mallory", "secret").outcome()).isEqualTo(Outcome.FAILURE);
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void channelBindingAndGarbageAreRefused(ScramHash hash) {
        Exchange binding = SCRAM.start(hash.method(), "c");
        assertThat(binding.step("p=tls-unique,,n=alice,r=abc".getBytes(StandardCharsets.UTF_8))
                        .outcome())
                .isEqualTo(Outcome.FAILURE);
        Exchange garbage = SCRAM.start(hash.method(), "c");
        assertThat(garbage.step(new byte[] {1, 2, 3}).outcome()).isEqualTo(Outcome.FAILURE);
        Exchange nothing = SCRAM.start(hash.method(), "c");
        assertThat(nothing.step(null).outcome()).isEqualTo(Outcome.FAILURE);
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void aReplayedProofWithAnotherServerNonceFails(ScramHash hash) {
        ScramClient client = new ScramClient(hash, "alice", "secret");
        Exchange first = SCRAM.start(hash.method(), "c");
        byte[] clientFirst = client.clientFirst();
        byte[] clientFinal = client.clientFinal(first.step(clientFirst).serverData());
        Exchange second = SCRAM.start(hash.method(), "c");
        second.step(clientFirst);
        assertThat(second.step(clientFinal).outcome()).isEqualTo(Outcome.FAILURE);
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void credentialLinesRoundTrip(ScramHash hash) {
        ScramCredential credential = ScramCredential.derive("bob", "pw", hash, 1000);
        ScramCredential parsed = ScramCredential.parse(credential.format());
        assertThat(parsed.format()).isEqualTo(credential.format());
        assertThat(parsed.hash()).isSameAs(hash);
        assertThat(SCRAM.supports(hash.method())).isTrue();
        assertThat(SCRAM.supports("PLAIN")).isFalse();
    }
}
