/**
 * Will messages: published on abnormal close, after the MQTT 5 Will Delay Interval. Imports nothing from connection.
 */
package io.cicada.broker.will;
