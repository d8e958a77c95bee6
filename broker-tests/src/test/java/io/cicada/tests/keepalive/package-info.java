/**
 * Keep-alive (§3.1.2.10, §3.12-3.13): PINGREQ/PINGRESP, the 1.5 × keep-alive timeout, keep-alive 0 and Server Keep
 * Alive.
 */
package io.cicada.tests.keepalive;
