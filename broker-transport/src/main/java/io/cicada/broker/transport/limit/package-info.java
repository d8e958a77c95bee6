/** Overload protection in the transport: caps on open connections per listener and for the whole broker. */
package io.cicada.broker.transport.limit;
