package io.cicada.broker.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AclFileTest {

    private static final AclFile ACL = AclFile.parse(
            "acl",
            List.of(
                    "# anonymous clients",
                    "topic read public/#",
                    "",
                    "user alice",
                    "topic readwrite alice/#",
                    "topic deny alice/secret",
                    "topic write sensors/+/temperature",
                    "topic sensors/all",
                    "user bob",
                    "topic read alice/#",
                    "pattern readwrite devices/%c/#",
                    "pattern read users/%u/inbox",
                    "pattern deny private/%u/#"));

    @Test
    void userSectionGrantsItsOwnRulesOnly() {
        assertThat(ACL.mayPublish("c1", "alice", "alice/x")).isTrue();
        assertThat(ACL.mayPublish("c1", "alice", "sensors/kitchen/temperature")).isTrue();
        assertThat(ACL.maySubscribe("c1", "alice", "sensors/kitchen/temperature"))
                .isFalse(); // write only
        assertThat(ACL.mayPublish("c1", "alice", "sensors/all")).isTrue(); // no access word: readwrite
        assertThat(ACL.mayPublish("c2", "bob", "alice/x")).isFalse(); // read only
        assertThat(ACL.maySubscribe("c2", "bob", "alice/#")).isTrue();
        assertThat(ACL.maySubscribe("c2", "bob", "alice/+/deeper")).isTrue();
        assertThat(ACL.maySubscribe("c2", "bob", "#")).isFalse(); // wider than the grant
        assertThat(ACL.mayPublish("c3", "carol", "alice/x")).isFalse(); // unknown user: nothing
    }

    @Test
    void denyWinsOverAGrant() {
        assertThat(ACL.mayPublish("c1", "alice", "alice/secret")).isFalse();
        assertThat(ACL.maySubscribe("c1", "alice", "alice/secret")).isFalse();
        assertThat(ACL.maySubscribe("c1", "alice", "alice/+")).isFalse(); // would receive alice/secret
        assertThat(ACL.maySubscribe("c1", "alice", "alice/other")).isTrue();
    }

    @Test
    void anonymousSectionAppliesOnlyToClientsWithoutUserName() {
        assertThat(ACL.maySubscribe("anon", null, "public/news")).isTrue();
        assertThat(ACL.maySubscribe("anon", null, "$share/g/public/#")).isTrue();
        assertThat(ACL.mayPublish("anon", null, "public/news")).isFalse();
        assertThat(ACL.maySubscribe("c1", "alice", "public/news")).isFalse();
    }

    @Test
    void patternsSubstituteClientIdAndUserName() {
        assertThat(ACL.mayPublish("dev1", "bob", "devices/dev1/state")).isTrue();
        assertThat(ACL.mayPublish("dev1", null, "devices/dev1/state")).isTrue();
        assertThat(ACL.mayPublish("dev1", "bob", "devices/dev2/state")).isFalse();
        assertThat(ACL.maySubscribe("x", "bob", "users/bob/inbox")).isTrue();
        assertThat(ACL.maySubscribe("x", "bob", "users/alice/inbox")).isFalse();
        assertThat(ACL.maySubscribe("x", null, "users/%u/inbox")).isFalse();
    }

    @Test
    void wildcardsOrSlashesInNamesNeverWidenAPattern() {
        assertThat(ACL.maySubscribe("x", "+", "users/+/inbox")).isFalse();
        assertThat(ACL.maySubscribe("x", "#", "users/#")).isFalse();
        assertThat(ACL.maySubscribe("x", "alice/inbox/..", "users/alice/inbox")).isFalse();
        assertThat(ACL.mayPublish("+", "bob", "devices/+/state")).isFalse();
        assertThat(ACL.mayPublish("#", "bob", "devices/anything/state")).isFalse();
        assertThat(ACL.mayPublish("a/b", "bob", "devices/a/b/state")).isFalse();
    }

    @Test
    void denyPatternWithAnUnsafeNameRefusesEverything() {
        AclFile acl = AclFile.parse("acl", List.of("user a+b", "topic readwrite open/#", "pattern deny open/%u/#"));

        assertThat(acl.mayPublish("c", "a+b", "open/x")).isFalse();
    }

    @Test
    void dollarTopicsNeedALiteralRule() {
        AclFile acl = AclFile.parse("acl", List.of("topic readwrite #", "topic read $SYS/broker/uptime"));

        assertThat(acl.maySubscribe("c", null, "#")).isTrue();
        assertThat(acl.mayPublish("c", null, "$SYS/broker/uptime")).isFalse();
        assertThat(acl.maySubscribe("c", null, "$SYS/broker/uptime")).isTrue();
        assertThat(acl.maySubscribe("c", null, "$SYS/#")).isFalse();
    }

    @Test
    void badLinesNameFileAndLine() {
        assertThatThrownBy(() -> AclFile.parse("acl", List.of("user", "topic read a")))
                .hasMessage("acl:1: 'user' needs a user name");
        assertThatThrownBy(() -> AclFile.parse("acl", List.of("topic readonly a/b")))
                .hasMessageContaining("acl:1: unknown access 'readonly'");
        assertThatThrownBy(() -> AclFile.parse("acl", List.of("topic read a/#/b")))
                .hasMessageContaining("acl:1: 'a/#/b' is not a valid topic filter");
        assertThatThrownBy(() -> AclFile.parse("acl", List.of("", "acl read a")))
                .hasMessageContaining("acl:2: unknown keyword 'acl'");
    }
}
