package io.cicada.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One shared subscription group: the sessions subscribed to {@code $share/{name}/{filter}} for one filter, and the
 * choice of the single member that gets each matching message [MQTT-4.8.2-*]. Read ({@link #choose}) by any event loop
 * without a lock; its members are written only under the monitor of the {@link TopicNode} that holds the group.
 *
 * <p>Each member keeps its own subscription options (granted QoS, Subscription Identifier) [MQTT-4.8.2-3]. The
 * strategy only sees which members are online and how loaded they are ({@link Recipient#isOnline()},
 * {@link Recipient#load()}); both are volatile reads, so a choice may be slightly stale, never wrong about membership.
 */
public final class SharedGroup {
    private final String name;
    private final String filter;
    private final SharingStrategy strategy;
    private final SubscriptionSet members = new SubscriptionSet();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile Subscriber sticky;

    SharedGroup(String name, String filter, SharingStrategy strategy) {
        this.name = name;
        this.filter = filter;
        this.strategy = strategy;
    }

    /** The share name, the {@code group} of {@code $share/{group}/{filter}}. */
    public String name() {
        return name;
    }

    /** The topic filter after the share name. */
    public String filter() {
        return filter;
    }

    /** The whole filter its members subscribed to: {@code $share/{name}/{filter}}. */
    public String sharedFilter() {
        return "$share/" + name + "/" + filter;
    }

    /**
     * The member subscription that gets the next message, or null when the group has no member left (a concurrent
     * unsubscribe). Online members are preferred; with none online, an offline persistent member queues the message.
     *
     * @param exclude a member not to choose (the one a message is being taken away from), or null
     */
    public TopicSubscription choose(Subscriber exclude) {
        List<TopicSubscription> all = new ArrayList<>(4);
        members.forEach(subscription -> {
            if (subscription.subscriber() != exclude) {
                all.add(subscription);
            }
        });
        if (all.isEmpty()) {
            return null;
        }
        List<TopicSubscription> online = new ArrayList<>(all.size());
        for (TopicSubscription subscription : all) {
            if (isOnline(subscription)) {
                online.add(subscription);
            }
        }
        List<TopicSubscription> candidates = online.isEmpty() ? all : online;
        return switch (strategy) {
            case ROUND_ROBIN -> inTurn(candidates);
            case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            case STICKY -> stickyChoice(candidates);
            case LEAST_INFLIGHT -> leastLoaded(candidates);
        };
    }

    /** Calls {@code visitor} for each member's subscription. Lock-free, weakly consistent. */
    public void forEachMember(Consumer<TopicSubscription> visitor) {
        members.forEach(visitor);
    }

    TopicSubscription put(TopicSubscription subscription) {
        return members.put(subscription);
    }

    TopicSubscription remove(Subscriber subscriber) {
        if (sticky == subscriber) {
            sticky = null;
        }
        return members.remove(subscriber);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    private TopicSubscription inTurn(List<TopicSubscription> candidates) {
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
    }

    private TopicSubscription stickyChoice(List<TopicSubscription> candidates) {
        Subscriber current = sticky;
        for (TopicSubscription candidate : candidates) {
            if (candidate.subscriber() == current) {
                return candidate;
            }
        }
        TopicSubscription chosen = inTurn(candidates);
        sticky = chosen.subscriber();
        return chosen;
    }

    private static TopicSubscription leastLoaded(List<TopicSubscription> candidates) {
        TopicSubscription best = candidates.get(0);
        int bestLoad = load(best);
        for (int i = 1; i < candidates.size(); i++) {
            int load = load(candidates.get(i));
            if (load < bestLoad) {
                best = candidates.get(i);
                bestLoad = load;
            }
        }
        return best;
    }

    /** Subscribers that are not recipients (tests of the tree alone) count as online and idle. */
    private static boolean isOnline(TopicSubscription subscription) {
        return !(subscription.subscriber() instanceof Recipient r) || r.isOnline();
    }

    private static int load(TopicSubscription subscription) {
        return subscription.subscriber() instanceof Recipient r ? r.load() : 0;
    }

    @Override
    public String toString() {
        return "$share/" + name + "/" + filter;
    }
}
