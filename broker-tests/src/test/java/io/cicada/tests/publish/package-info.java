/**
 * PUBLISH and its acknowledgements (§3.3-3.7, §4.3): QoS 0/1/2 in both directions, packet ids, exactly-once, QoS
 * downgrade, in-flight window and Receive Maximum, topic aliases, Maximum QoS and Retain Available.
 */
package io.cicada.tests.publish;
