package io.cicada.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A test recipient whose online state and load the test sets; records what is offered to it. */
final class FakeRecipient implements Recipient {
    private final String clientId;
    final List<Delivery> offered = new ArrayList<>();
    boolean online = true;
    int load;

    FakeRecipient(String clientId) {
        this.clientId = clientId;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public void offer(Delivery delivery) {
        offered.add(delivery);
    }

    @Override
    public void deliverOffered() {}

    @Override
    public void flush() {}

    @Override
    public boolean isOnline() {
        return online;
    }

    @Override
    public int load() {
        return load;
    }

    @Override
    public String toString() {
        return clientId;
    }
}
