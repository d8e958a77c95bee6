/**
 * Will messages (§3.1.2.5, §3.1.3.2): published on abnormal close, protocol error and takeover, not after a normal
 * DISCONNECT, DISCONNECT 0x04, and the MQTT 5 Will Delay Interval.
 */
package io.cicada.tests.will;
