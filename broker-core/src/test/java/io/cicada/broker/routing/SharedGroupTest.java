package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedGroupTest {
    private final FakeRecipient a = new FakeRecipient("a");
    private final FakeRecipient b = new FakeRecipient("b");
    private final FakeRecipient c = new FakeRecipient("c");

    private static SharedGroup group(SharingStrategy strategy, FakeRecipient... members) {
        SharedGroup group = new SharedGroup("g", "t", strategy);
        for (FakeRecipient member : members) {
            group.put(new TopicSubscription(member, "$share/g/t", Subscription.of("$share/g/t", 1), 0));
        }
        return group;
    }

    private static List<Subscriber> choices(SharedGroup group, int count) {
        List<Subscriber> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(group.choose(null).subscriber());
        }
        return chosen;
    }

    @Test
    void roundRobinTakesTheOnlineMembersInTurn() {
        SharedGroup group = group(SharingStrategy.ROUND_ROBIN, a, b, c);
        assertThat(choices(group, 6)).containsExactly(a, b, c, a, b, c);
    }

    @Test
    void offlineMembersAreSkippedWhileAnyMemberIsOnline() {
        SharedGroup group = group(SharingStrategy.ROUND_ROBIN, a, b, c);
        b.online = false;
        assertThat(choices(group, 4)).doesNotContain(b).contains(a, c);
        a.online = false;
        c.online = false;
        // nobody online: an offline member queues the message rather than losing it
        assertThat(new HashSet<>(choices(group, 3))).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void stickyKeepsTheSameMemberUntilItGoesOffline() {
        SharedGroup group = group(SharingStrategy.STICKY, a, b, c);
        Subscriber first = group.choose(null).subscriber();
        assertThat(choices(group, 5)).containsOnly(first);
        ((FakeRecipient) first).online = false;
        Subscriber second = group.choose(null).subscriber();
        assertThat(second).isNotSameAs(first);
        assertThat(choices(group, 5)).containsOnly(second);
    }

    @Test
    void leastInflightPicksTheLeastLoadedOnlineMember() {
        SharedGroup group = group(SharingStrategy.LEAST_INFLIGHT, a, b, c);
        a.load = 5;
        b.load = 2;
        c.load = 9;
        assertThat(group.choose(null).subscriber()).isSameAs(b);
        b.online = false;
        assertThat(group.choose(null).subscriber()).isSameAs(a);
    }

    @Test
    void randomEventuallyReachesEveryOnlineMember() {
        SharedGroup group = group(SharingStrategy.RANDOM, a, b, c);
        Set<Subscriber> seen = new HashSet<>();
        for (int i = 0; i < 1_000 && seen.size() < 3; i++) {
            seen.add(group.choose(null).subscriber());
        }
        assertThat(seen).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void theExcludedMemberIsNeverChosen() {
        SharedGroup group = group(SharingStrategy.ROUND_ROBIN, a, b);
        assertThat(choices(group, 2)).containsOnly(a, b);
        for (int i = 0; i < 4; i++) {
            assertThat(group.choose(a).subscriber()).isSameAs(b);
        }
        assertThat(group(SharingStrategy.ROUND_ROBIN, a).choose(a)).isNull();
    }

    @Test
    void strategiesParseTheirConfigurationNames() {
        for (SharingStrategy strategy : SharingStrategy.values()) {
            assertThat(SharingStrategy.parse(strategy.configName())).isSameAs(strategy);
        }
        assertThat(SharingStrategy.parse("least-inflight")).isSameAs(SharingStrategy.LEAST_INFLIGHT);
    }
}
