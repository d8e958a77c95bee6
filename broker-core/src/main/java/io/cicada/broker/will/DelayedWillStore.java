package io.cicada.broker.will;

import io.cicada.broker.message.Message;

/**
 * Where the wills waiting for their Will Delay Interval are kept across restarts: the session journal in durable mode
 * (wired by the broker core), nothing in memory mode. Wills are keyed by their session's store id. Thread-safe and
 * non-blocking.
 */
public interface DelayedWillStore {

    /** Memory mode: nothing is kept, and {@link #afterCommit} runs the task at once. */
    DelayedWillStore NONE = new DelayedWillStore() {
        @Override
        public void delayed(long storeId, Message will, String username, long dueMillis) {}

        @Override
        public void done(long storeId) {}

        @Override
        public void afterCommit(Runnable task) {
            task.run();
        }
    };

    /** The will of session {@code storeId} waits until {@code dueMillis}. */
    void delayed(long storeId, Message will, String username, long dueMillis);

    /** The will of session {@code storeId} was published or cancelled. */
    void done(long storeId);

    /** Runs {@code task} once everything kept or forgotten before this call is committed. */
    void afterCommit(Runnable task);
}
