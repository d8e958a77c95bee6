package io.cicada.mqtt.packet;

/** One MQTT 5 User Property (identifier 0x26): a UTF-8 string pair. Names may repeat; order is kept. */
public record UserProperty(String name, String value) {}
