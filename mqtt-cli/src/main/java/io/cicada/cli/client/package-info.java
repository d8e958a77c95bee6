/**
 * The MQTT client under every tool: {@link io.cicada.cli.client.MqttConnection} speaks MQTT 3.1, 3.1.1 and 5.0 with
 * Cicada's own codec over Netty, so the tools and the broker share one implementation of the wire format.
 */
package io.cicada.cli.client;
