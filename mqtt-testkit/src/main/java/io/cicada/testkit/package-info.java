/**
 * Test support for Cicada and for anyone embedding it: {@link io.cicada.testkit.CicadaBroker}, a JUnit 5 extension
 * that runs a real broker on a free loopback port; {@link io.cicada.testkit.RawMqttClient}, a packet-level client
 * for edge cases and malformed input that real client libraries refuse to send; and
 * {@link io.cicada.testkit.MosquittoClients}, which drives Debian's {@code mosquitto_pub} / {@code mosquitto_sub}.
 */
package io.cicada.testkit;
