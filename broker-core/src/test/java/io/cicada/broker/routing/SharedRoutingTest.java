package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.message.Message;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.spec.Spec;
import org.junit.jupiter.api.Test;

class SharedRoutingTest {
    private final TopicTree tree = new TopicTree();
    private final Router router =
            new Router(tree, new RetainedMessages(new InMemoryRetainedStore(), () -> 0L), Authorizer.allowAll());
    private final FakeRecipient a = new FakeRecipient("a");
    private final FakeRecipient b = new FakeRecipient("b");
    private final FakeRecipient plain = new FakeRecipient("plain");

    private void subscribe(Subscriber who, String filter, int qos, int identifier) {
        tree.subscribe(new TopicSubscription(who, filter, Subscription.of(filter, qos), identifier));
    }

    private static Message message(String topic, int qos) {
        return new Message(topic, qos, false, Payload.utf8("m"), Properties.EMPTY, "publisher", 0);
    }

    @Test
    void eachGroupGetsEachMessageOnceAndPlainSubscribersGetTheirOwnCopy() {
        subscribe(a, "$share/g/sport/#", 1, 0);
        subscribe(b, "$share/g/sport/+", 1, 0);
        subscribe(plain, "sport/tennis", 1, 0);
        FakeRecipient other = new FakeRecipient("other");
        subscribe(other, "$share/h/sport/tennis", 1, 0);
        for (int i = 0; i < 4; i++) {
            router.publish(message("sport/tennis", 1));
        }
        // $share/g/sport/# and $share/g/sport/+ are two groups (same name, different filters): a and b get all 4
        assertThat(a.offered).hasSize(4);
        assertThat(b.offered).hasSize(4);
        assertThat(plain.offered).hasSize(4);
        assertThat(other.offered).hasSize(4);
        assertThat(plain.offered.get(0).sharedGroup()).isNull();
        assertThat(other.offered.get(0).sharedGroup().name()).isEqualTo("h");
    }

    @Test
    void membersOfOneGroupShareTheMessages() {
        subscribe(a, "$share/g/t", 2, 0);
        subscribe(b, "$share/g/t", 0, 7);
        for (int i = 0; i < 10; i++) {
            router.publish(message("t", 2));
        }
        assertThat(a.offered).hasSize(5);
        assertThat(b.offered).hasSize(5);
        // [MQTT-4.8.2-3] each member at the QoS of its own subscription, with its own Subscription Identifier
        assertThat(a.offered).allSatisfy(d -> assertThat(d.qos()).isEqualTo(2));
        assertThat(b.offered).allSatisfy(d -> {
            assertThat(d.qos()).isZero();
            assertThat(d.subscriptionIdentifiers()).containsExactly(7);
        });
    }

    @Test
    void aSessionInTheGroupAndSubscribedPlainlyGetsBothCopies() {
        subscribe(a, "$share/g/t", 1, 0);
        subscribe(a, "t", 1, 0);
        router.publish(message("t", 1));
        assertThat(a.offered).hasSize(2);
    }

    @Test
    void redeliveryGoesToAnotherMemberOrNowhere() {
        subscribe(a, "$share/g/t", 1, 0);
        router.publish(message("t", 1));
        Delivery taken = a.offered.get(0);
        DeliveryBatch batch = new DeliveryBatch();
        assertThat(router.redeliver(taken, a, batch, false)).isFalse(); // nobody else in the group
        subscribe(b, "$share/g/t", 1, 0);
        b.online = false;
        assertThat(router.redeliver(taken, a, batch, true)).isFalse(); // b is offline
        assertThat(router.redeliver(taken, a, batch, false)).isTrue();
        assertThat(b.offered).singleElement().satisfies(d -> assertThat(d.message())
                .isSameAs(taken.message()));
        assertThat(router.redeliver(new Delivery(taken.message(), 1, false, java.util.List.of()), a, batch, false))
                .isFalse(); // not a shared delivery
    }

    @Test
    @Spec({"MQTT-4.7.2-1"})
    void sharedFiltersFollowTheDollarRule() {
        subscribe(a, "$share/g/#", 0, 0);
        router.publish(message("$SYS/x", 0)); // [MQTT-4.7.2-1]
        router.publish(message("x", 0));
        assertThat(a.offered)
                .singleElement()
                .satisfies(d -> assertThat(d.message().topic()).isEqualTo("x"));
    }
}
