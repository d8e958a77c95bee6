package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Placeholder: the signatures of the broker's retained-message behaviour; the implementation follows. */
public final class RetainedMessages {

    private final RetainedStore store;
    private final LongSupplier clockMillis;

    public RetainedMessages(RetainedStore store, LongSupplier clockMillis) {
        this.store = store;
        this.clockMillis = clockMillis;
    }

    /** [MQTT-3.3.1-5] stores/replaces; [MQTT-3.3.1-10] empty payload removes (and is not stored). */
    public void retain(Message message) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Retained messages matching the filter, skipping expired ones, following the $-rule. */
    public void forEachMatching(String topicFilter, Consumer<Message> visitor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int count() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
