package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.function.Consumer;

/** Placeholder: the signatures of the in-memory retained store; the implementation follows. */
public final class InMemoryRetainedStore implements RetainedStore {

    public InMemoryRetainedStore() {}

    @Override
    public void put(Message message) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void remove(String topic) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public Message get(String topic) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
