/** The flags shared by the client tools: connection, TLS, will and MQTT 5 properties in Mosquitto's spelling. */
package io.cicada.cli.options;
