/**
 * Per-client limits and the pieces that enforce them without locks: the {@link io.cicada.broker.limit.ClientLimits}
 * settings, a {@link io.cicada.broker.limit.TokenBucket} for publish rates, the topic name and filter bounds
 * ({@link io.cicada.broker.limit.TopicBounds}) and a per-client {@link io.cicada.broker.limit.LimitLog} that keeps
 * refusals from flooding the log. A leaf package: it imports nothing from {@code connection} or {@code session}; the
 * connection's flows call it.
 */
package io.cicada.broker.limit;
