/**
 * Black-box conformance tests: a real Cicada broker on a loopback port, driven by third-party clients (HiveMQ MQTT
 * Client, Eclipse Paho, mosquitto_pub/sub) and by the packet-level {@code RawMqttClient}, one package per chapter of
 * the MQTT specification. Each test cites the normative statement it checks.
 */
package io.cicada.tests;
