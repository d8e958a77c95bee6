/** How the broker's log lines look: plain text for people, or JSON lines for log shippers. */
package io.cicada.server.logging;
