package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Subscription;
import org.junit.jupiter.api.Test;

/** Finding a shared group again by its {@code $share/{group}/{filter}}, as a restored session does. */
class TopicTreeSharedLookupTest {
    private final TopicTree tree = new TopicTree();

    private void join(FakeRecipient member, String sharedFilter) {
        tree.subscribe(new TopicSubscription(member, sharedFilter, Subscription.of(sharedFilter, 1), 0));
    }

    @Test
    void findsTheGroupItsMembersFormAndNoOther() {
        FakeRecipient a = new FakeRecipient("a");
        join(a, "$share/g/jobs/+");
        join(new FakeRecipient("b"), "$share/h/jobs/+");

        SharedGroup group = tree.sharedGroup("$share/g/jobs/+");
        assertThat(group).isNotNull();
        assertThat(group.name()).isEqualTo("g");
        assertThat(group.sharedFilter()).isEqualTo("$share/g/jobs/+");
        assertThat(group.choose(null).subscriber()).isSameAs(a);
        assertThat(tree.sharedGroup("$share/x/jobs/+")).isNull();
        assertThat(tree.sharedGroup("$share/g/jobs/#")).isNull();
        assertThat(tree.sharedGroup("jobs/+")).isNull();
        assertThat(tree.sharedGroup("$share/g")).isNull();
    }

    @Test
    void aGroupWhoseLastMemberLeftIsGone() {
        FakeRecipient a = new FakeRecipient("a");
        join(a, "$share/g/t");
        tree.unsubscribe(a, "$share/g/t");
        assertThat(tree.sharedGroup("$share/g/t")).isNull();
    }
}
