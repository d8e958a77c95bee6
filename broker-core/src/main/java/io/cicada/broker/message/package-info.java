/**
 * The application message as the broker routes, retains and queues it: one immutable
 * {@link io.cicada.broker.message.Message} shared by every recipient. Imports nothing else from the core.
 */
package io.cicada.broker.message;
