/**
 * What the broker tells about itself: counters ({@link io.cicada.broker.observe.BrokerStats}) and the {@code $SYS}
 * topics. A leaf package: it imports nothing from {@code connection} or {@code session}.
 */
package io.cicada.broker.observe;
