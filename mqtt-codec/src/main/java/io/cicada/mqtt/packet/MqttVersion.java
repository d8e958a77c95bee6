package io.cicada.mqtt.packet;

/**
 * The protocol versions Cicada speaks, with the protocol name and level each CONNECT carries. Immutable.
 */
public enum MqttVersion {
    /** MQTT 3.1: protocol name {@code MQIsdp}, level 3. */
    MQTT_3_1("MQIsdp", 3),
    /** MQTT 3.1.1: protocol name {@code MQTT}, level 4. */
    MQTT_3_1_1("MQTT", 4),
    /** MQTT 5.0: protocol name {@code MQTT}, level 5. */
    MQTT_5("MQTT", 5);

    private final String protocolName;
    private final int level;

    MqttVersion(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    public String protocolName() {
        return protocolName;
    }

    public int level() {
        return level;
    }

    /** True for MQTT 5.0, the only version with properties and reason codes on every acknowledgement. */
    public boolean isV5() {
        return this == MQTT_5;
    }

    /** The version for a protocol level byte, or {@code null} if Cicada does not speak it. */
    public static MqttVersion ofLevel(int level) {
        return switch (level) {
            case 3 -> MQTT_3_1;
            case 4 -> MQTT_3_1_1;
            case 5 -> MQTT_5;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return switch (this) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5.0";
        };
    }
}
