package io.cicada.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.message.Message;
import io.cicada.broker.retain.InMemoryRetainedStore;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.broker.time.ManualExecutor;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final TopicTree tree = new TopicTree();
    private final RetainedMessages retained = new RetainedMessages(new InMemoryRetainedStore(), () -> 0L);
    private final ManualExecutor loop = new ManualExecutor("loop");

    /** A recipient that records deliveries and flushes. */
    private static final class Recording implements Recipient {
        final String clientId;
        volatile Executor executor;
        final List<Delivery> deliveries = new ArrayList<>();
        final java.util.Queue<Delivery> inbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
        int flushes;

        Recording(String clientId, Executor executor) {
            this.clientId = clientId;
            this.executor = executor;
        }

        @Override
        public String clientId() {
            return clientId;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void offer(Delivery delivery) {
            inbox.add(delivery);
        }

        @Override
        public void deliverOffered() {
            Delivery delivery;
            while ((delivery = inbox.poll()) != null) {
                deliveries.add(delivery);
            }
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private Recording subscribe(String clientId, String filter, Subscription options, int identifier) {
        Recording recipient = new Recording(clientId, loop);
        tree.subscribe(new TopicSubscription(recipient, filter, options, identifier));
        return recipient;
    }

    private static Message message(String topic, int qos, boolean retain, String sender) {
        return new Message(topic, qos, retain, Payload.utf8("x"), Properties.EMPTY, sender, 0);
    }

    @Test
    void publishIsDeliveredOnTheRecipientsExecutor() {
        Recording r = subscribe("s", "a/#", Subscription.of("a/#", 1), 0);
        Router router = new Router(tree, retained, Authorizer.allowAll());
        router.publish(message("a/b", 1, false, null));
        assertThat(r.deliveries).isEmpty();
        loop.runAll();
        assertThat(r.deliveries).hasSize(1);
        assertThat(r.deliveries.get(0).qos()).isEqualTo(1);
    }

    @Test
    void oneBatchMeansOneFlushPerRecipient() {
        Recording r = subscribe("s", "t", Subscription.of("t", 0), 0);
        Router router = new Router(tree, retained, Authorizer.allowAll());
        DeliveryBatch batch = new DeliveryBatch();
        for (int i = 0; i < 3; i++) {
            router.publish(message("t", 0, false, "p"), null, batch);
        }
        batch.dispatch();
        assertThat(loop.pending()).isEqualTo(1);
        loop.runAll();
        assertThat(r.deliveries).hasSize(3);
        assertThat(r.flushes).isEqualTo(1);
    }

    @Test
    void refusedPublishIsNotRoutedOrRetained() {
        Recording r = subscribe("s", "#", Subscription.of("#", 0), 0);
        Authorizer denyAll = new Authorizer() {
            @Override
            public boolean mayPublish(String clientId, String username, String topic) {
                return false;
            }

            @Override
            public boolean maySubscribe(String clientId, String username, String topicFilter) {
                return true;
            }
        };
        Router router = new Router(tree, retained, denyAll);
        DeliveryBatch batch = new DeliveryBatch();
        assertThat(router.publish(message("t", 0, true, "p"), "u", batch)).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        batch.dispatch();
        loop.runAll();
        assertThat(r.deliveries).isEmpty();
        assertThat(retained.count()).isZero();
    }

    @Test
    void clientsCannotPublishToDollarTopicsButTheBrokerCan() {
        Router router = new Router(tree, retained, Authorizer.allowAll());
        assertThat(router.publish(message("$SYS/x", 0, false, "p"), null, new DeliveryBatch()))
                .isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(router.publish(message("$SYS/x", 0, true, null), null, new DeliveryBatch()))
                .isEqualTo(ReasonCode.SUCCESS);
        assertThat(retained.count()).isEqualTo(1);
    }

    @Test
    void deliveryFollowsARecipientThatMovedToAnotherExecutor() {
        ManualExecutor other = new ManualExecutor("other");
        Recording r = subscribe("s", "t", Subscription.of("t", 0), 0);
        Router router = new Router(tree, retained, Authorizer.allowAll());
        router.publish(message("t", 0, false, null));
        r.executor = other; // taken over before the task ran
        loop.runAll();
        assertThat(r.deliveries).isEmpty();
        other.runAll();
        assertThat(r.deliveries).hasSize(1);
    }

    @Test
    void noLocalSkipsTheSendersOwnSubscription() {
        Recording own = subscribe("me", "t", new Subscription("t", 0, true, false, 0), 0);
        Router router = new Router(tree, retained, Authorizer.allowAll());
        router.publish(message("t", 0, false, "me"));
        loop.runAll();
        assertThat(own.deliveries).isEmpty();
    }

    @Test
    void overlappingSubscriptionsFoldIntoOneDelivery() {
        Recording r = new Recording("s", loop);
        tree.subscribe(new TopicSubscription(r, "a/+", Subscription.of("a/+", 0), 7));
        tree.subscribe(new TopicSubscription(r, "a/#", new Subscription("a/#", 1, false, true, 0), 9));
        Router router = new Router(tree, retained, Authorizer.allowAll());
        router.publish(message("a/b", 2, true, null));
        loop.runAll();
        assertThat(r.deliveries).hasSize(1);
        Delivery d = r.deliveries.get(0);
        assertThat(d.qos()).isEqualTo(1);
        assertThat(d.retain()).isTrue();
        assertThat(d.subscriptionIdentifiers()).containsExactlyInAnyOrder(7, 9);
    }
}
