/**
 * Interoperability across client implementations and protocol versions: Debian's mosquitto_pub/mosquitto_sub with
 * HiveMQ and Paho clients, including the acceptance scenario.
 */
package io.cicada.tests.interop;
