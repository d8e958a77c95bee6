/**
 * Sessions (§3.1.2.4, §4.4): clean versus persistent sessions, the bounded offline queue, redelivery with DUP and
 * PUBREL on reconnect, and MQTT 5 Session Expiry.
 */
package io.cicada.tests.session;
