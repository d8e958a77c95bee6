/**
 * Durable mode: what survives a graceful restart and a {@code kill -9} of the broker, with real clients.
 */
package io.cicada.tests.durability;
