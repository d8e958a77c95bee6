/**
 * Bytes to packets and back for MQTT 3.1, 3.1.1 and 5.0: {@link io.cicada.mqtt.codec.MqttDecoder} checks every rule the
 * bytes alone can break and turns violations into a {@link io.cicada.mqtt.packet.MalformedPacket};
 * {@link io.cicada.mqtt.codec.MqttEncoder} writes packets without copying payloads.
 */
package io.cicada.mqtt.codec;
