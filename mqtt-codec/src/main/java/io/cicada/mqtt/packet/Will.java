package io.cicada.mqtt.packet;

/**
 * The will message carried by a CONNECT: published by the broker when the connection ends without a DISCONNECT
 * (0x00), after the will delay in MQTT 5. {@code properties} are the Will Properties (MQTT 5; empty otherwise).
 */
public record Will(String topic, Payload payload, int qos, boolean retain, Properties properties) {}
