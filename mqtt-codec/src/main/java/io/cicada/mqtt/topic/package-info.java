/**
 * The syntax of MQTT topic names and topic filters, shared by the codec and the broker core; matching lives in the
 * broker's routing package.
 */
package io.cicada.mqtt.topic;
