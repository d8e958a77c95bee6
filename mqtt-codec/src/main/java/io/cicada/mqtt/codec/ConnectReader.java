package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.Will;
import io.cicada.mqtt.topic.Topics;

/**
 * Reads a CONNECT (§3.1 in MQTT 3.1, 3.1.1 and 5.0) in two steps, so that the decoder learns the protocol
 * version from the protocol name and level before the rest of the packet can fail. Stateless; any thread.
 */
final class ConnectReader {
    private static final int RESERVED = 0x01;
    private static final int CLEAN_START = 0x02;
    private static final int WILL = 0x04;
    private static final int WILL_RETAIN = 0x20;
    private static final int PASSWORD = 0x40;
    private static final int USER_NAME = 0x80;

    private ConnectReader() {}

    /** Reads the protocol name and level and returns the version they name. */
    static MqttVersion readProtocol(BodyReader in) {
        String name = in.readString("protocol name");
        int level = in.readByte("protocol level");
        MqttVersion version = MqttVersion.ofLevel(level);
        if (version != null && version.protocolName().equals(name)) {
            return version;
        }
        boolean knownName = name.equals("MQTT") || name.equals("MQIsdp");
        throw new PacketViolation(
                ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                "unsupported protocol name '" + name + "' with level " + level,
                knownName ? "MQTT-3.1.2-2" : "MQTT-3.1.2-1");
    }

    /** Reads everything after the protocol level. */
    static Connect readRest(BodyReader in, MqttVersion version) {
        boolean v5 = version.isV5();
        int flags = in.readByte("connect flags");
        if ((flags & RESERVED) != 0) {
            throw PacketViolation.malformed("CONNECT reserved flag is 1", "MQTT-3.1.2-3"); // [MQTT-3.1.2-3]
        }
        boolean hasWill = (flags & WILL) != 0;
        int willQos = (flags >> 3) & 0x03;
        boolean willRetain = (flags & WILL_RETAIN) != 0;
        if (!hasWill && willQos != 0) {
            // [MQTT-3.1.2-11] (5.0) / [MQTT-3.1.2-13] (3.1.1): no will means Will QoS 0
            throw PacketViolation.malformed(
                    "Will QoS " + willQos + " without a will", v5 ? "MQTT-3.1.2-11" : "MQTT-3.1.2-13");
        }
        if (!hasWill && willRetain) {
            // [MQTT-3.1.2-13] (5.0) / [MQTT-3.1.2-15] (3.1.1): no will means Will Retain 0
            throw PacketViolation.malformed("Will Retain without a will", v5 ? "MQTT-3.1.2-13" : "MQTT-3.1.2-15");
        }
        if (willQos == 3) {
            // [MQTT-3.1.2-12] (5.0) / [MQTT-3.1.2-14] (3.1.1)
            throw PacketViolation.malformed("Will QoS 3", v5 ? "MQTT-3.1.2-12" : "MQTT-3.1.2-14");
        }
        boolean hasUserName = (flags & USER_NAME) != 0;
        boolean hasPassword = (flags & PASSWORD) != 0;
        if (!v5 && hasPassword && !hasUserName) {
            // [MQTT-3.1.2-22] (3.1.1; MQTT 5 allows a password alone)
            throw PacketViolation.malformed("password flag without user name flag", "MQTT-3.1.2-22");
        }
        int keepAlive = in.readTwoByteInteger("keep alive");
        Properties properties = v5 ? PropertiesReader.read(in, PropertyId.Scope.CONNECT, "CONNECT") : Properties.EMPTY;
        String clientId = in.readString("client identifier"); // [MQTT-3.1.3-4] (3.1.1) / [MQTT-3.1.3-4] (5.0)
        Will will = hasWill ? readWill(in, version, willQos, willRetain) : null;
        String userName = hasUserName ? in.readString("user name") : null; // [MQTT-3.1.3-11]
        byte[] password = hasPassword ? in.readBinary("password") : null;
        in.expectEnd("CONNECT");
        boolean cleanStart = (flags & CLEAN_START) != 0;
        return new Connect(version, clientId, cleanStart, keepAlive, userName, password, will, properties);
    }

    private static Will readWill(BodyReader in, MqttVersion version, int qos, boolean retain) {
        Properties properties =
                version.isV5() ? PropertiesReader.read(in, PropertyId.Scope.WILL, "will") : Properties.EMPTY;
        String topic = in.readString("will topic");
        if (!Topics.isValidTopicName(topic)) {
            // A will topic is a topic name: at least one character [MQTT-4.7.3-1], no wildcards [MQTT-3.3.2-2]
            throw new PacketViolation(
                    ReasonCode.TOPIC_NAME_INVALID,
                    "invalid will topic",
                    topic.isEmpty() ? "MQTT-4.7.3-1" : "MQTT-3.3.2-2");
        }
        byte[] payload = in.readBinary("will payload");
        return new Will(topic, Payload.wrap(payload), qos, retain, properties);
    }
}
