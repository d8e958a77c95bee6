package io.cicada.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    @Test
    void distinctTopicsReachOnlyTheirOwnSubscriber() {
        DeliveryPlan plan = DeliveryPlan.of(List.of("b/0", "b/1", "b/2"), List.of("b/0", "b/1", "b/2"));

        assertThat(plan.copies(0)).isEqualTo(1);
        assertThat(plan.expected(new long[] {10, 20, 30})).isEqualTo(60);
    }

    @Test
    void wildcardSubscribersEachGetEveryMessage() {
        DeliveryPlan plan = DeliveryPlan.of(List.of("b/0", "b/1"), List.of("b/+", "b/#", "#", "c/+"));

        assertThat(plan.copies(0)).isEqualTo(3);
        assertThat(plan.expected(new long[] {5, 5})).isEqualTo(30);
    }

    @Test
    void aShareGroupCountsOnceHoweverManyMembers() {
        DeliveryPlan plan = DeliveryPlan.of(
                List.of("in/0", "in/1"),
                List.of("$share/g/in/+", "$share/g/in/+", "$share/g/in/+", "$share/h/in/#", "in/0"));

        // group g once, group h once, and the plain in/0 subscriber for publisher 0
        assertThat(plan.copies(0)).isEqualTo(3);
        assertThat(plan.copies(1)).isEqualTo(2);
    }

    @Test
    void theSameGroupNameOnAnotherFilterIsAnotherSharedSubscription() {
        DeliveryPlan plan = DeliveryPlan.of(List.of("a/b"), List.of("$share/g/a/+", "$share/g/a/#"));

        assertThat(plan.copies(0)).isEqualTo(2);
    }

    @Test
    void filtersThatMissEveryTopicReachNobody() {
        assertThat(DeliveryPlan.of(List.of("a/0"), List.of("b/0", "a/0/x", "a")).reachesNobody())
                .isTrue();
        assertThat(DeliveryPlan.of(List.of("a/0"), List.of()).reachesNobody()).isTrue();
    }

    @Test
    void matchingFollowsTheWildcardRules() {
        assertThat(DeliveryPlan.matches("sport/#", "sport")).isTrue();
        assertThat(DeliveryPlan.matches("sport/+", "sport/")).isTrue();
        assertThat(DeliveryPlan.matches("sport/+", "sport")).isFalse();
        assertThat(DeliveryPlan.matches("+/+", "/finance")).isTrue();
        assertThat(DeliveryPlan.matches("#", "$SYS/uptime")).isFalse();
        assertThat(DeliveryPlan.matches("+/uptime", "$SYS/uptime")).isFalse();
        assertThat(DeliveryPlan.matches("$SYS/#", "$SYS/uptime")).isTrue();
        assertThat(DeliveryPlan.matches("a/b", "a/b/c")).isFalse();
    }
}
