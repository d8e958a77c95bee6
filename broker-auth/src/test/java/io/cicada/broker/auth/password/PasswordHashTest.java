package io.cicada.broker.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void argon2idReferenceVectorMatches() {
        // The argon2 reference implementation's test vector: password "password", salt "somesalt", m=64 MiB, t=2, p=1.
        PasswordHash hash = PasswordHash.parse(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");

        assertThat(hash.algorithm()).isEqualTo(PasswordHash.Algorithm.ARGON2ID);
        assertThat(hash.matches(bytes("password"))).isTrue();
        assertThat(hash.matches(bytes("passwort"))).isFalse();
    }

    @Test
    void everyAlgorithmRoundTripsThroughItsEncoding() {
        for (PasswordHash.Algorithm algorithm : PasswordHash.Algorithm.values()) {
            PasswordHash created = PasswordHash.create("correct horse", algorithm);
            PasswordHash parsed = PasswordHash.parse(created.encode());

            assertThat(parsed.algorithm()).isEqualTo(algorithm);
            assertThat(parsed.matches(bytes("correct horse")))
                    .as("%s", algorithm)
                    .isTrue();
            assertThat(parsed.matches(bytes("correct horsE")))
                    .as("%s", algorithm)
                    .isFalse();
        }
    }

    @Test
    void saltsAreRandom() {
        assertThat(PasswordHash.create("x", PasswordHash.Algorithm.SHA512).encode())
                .isNotEqualTo(
                        PasswordHash.create("x", PasswordHash.Algorithm.SHA512).encode());
    }

    @Test
    void malformedHashesAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> PasswordHash.parse("plaintext")).hasMessageNotContaining("plaintext");
        assertThatThrownBy(() -> PasswordHash.parse("$5$abc$def")).hasMessageContaining("$5$");
        assertThatThrownBy(() -> PasswordHash.parse("$7$x$abc$def")).hasMessageContaining("number");
        assertThatThrownBy(() -> PasswordHash.parse("$7$101$!!$def")).hasMessageContaining("Base64");
        assertThatThrownBy(() -> PasswordHash.parse("$argon2id$v=16$m=8,t=1,p=1$c29tZQ$c29tZQ"))
                .hasMessageContaining("19");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
