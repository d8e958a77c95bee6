/**
 * Durable storage on RocksDB: the core's {@link io.cicada.broker.session.SessionJournal} (persistent sessions, their
 * subscriptions, queues, in-flight messages and inbound QoS 2 packet ids) and
 * {@link io.cicada.broker.retain.RetainedStore}, written by one group-commit thread so that many messages share one
 * fsync and no event loop ever waits for the disk.
 */
package io.cicada.broker.persistence;
