/**
 * CONNECT and CONNACK (MQTT 3.1.1 §3.1-3.2, MQTT 5 §3.1-3.2): validation, every return and reason code the broker can
 * produce, assigned client ids, takeover, connect timeout, MQTT 3.1, graceful shutdown.
 */
package io.cicada.tests.connect;
