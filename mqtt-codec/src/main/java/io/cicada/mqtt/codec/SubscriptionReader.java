package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.PacketType;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.mqtt.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK (§3.8 to §3.11). Topic filter syntax is not judged here: the
 * connection answers an invalid filter in the SUBACK (0x8F in MQTT 5, 0x80 in 3.1.1). Stateless; any thread.
 */
final class SubscriptionReader {
    private static final int V3_RESERVED_OPTIONS = 0xFC;
    private static final int V5_RESERVED_OPTIONS = 0xC0;

    private SubscriptionReader() {}

    static Subscribe readSubscribe(BodyReader in, MqttVersion version) {
        boolean v5 = version.isV5();
        int packetId = PacketIdentifiers.read(in, PacketType.SUBSCRIBE, version);
        Properties properties =
                v5 ? PropertiesReader.read(in, PropertyId.Scope.SUBSCRIBE, "SUBSCRIBE") : Properties.EMPTY;
        List<Subscription> subscriptions = new ArrayList<>();
        while (in.hasRemaining()) {
            String filter = in.readString("topic filter"); // [MQTT-3.8.3-1]
            int options = in.readByte("subscription options");
            int qos = options & 0x03;
            if ((options & (v5 ? V5_RESERVED_OPTIONS : V3_RESERVED_OPTIONS)) != 0) {
                // [MQTT-3.8.3-5] (5.0) / [MQTT-3-8.3-4] (3.1.1): reserved bits must be 0
                throw PacketViolation.malformed(
                        "reserved subscription option bits set", v5 ? "MQTT-3.8.3-5" : "MQTT-3-8.3-4");
            }
            if (qos == 3) {
                throw v5
                        ? PacketViolation.protocolError("subscription QoS 3", null) // §3.8.3.1
                        : PacketViolation.malformed("subscription QoS 3", "MQTT-3-8.3-4");
            }
            boolean noLocal = (options & 0x04) != 0;
            boolean retainAsPublished = (options & 0x08) != 0;
            int retainHandling = (options >> 4) & 0x03;
            if (retainHandling == 3) {
                throw PacketViolation.protocolError("Retain Handling 3", null); // §3.8.3.1
            }
            if (noLocal && Topics.isSharedFilter(filter)) {
                // [MQTT-3.8.3-4] No Local on a shared subscription is a Protocol Error
                throw PacketViolation.protocolError("No Local on a shared subscription", "MQTT-3.8.3-4");
            }
            subscriptions.add(new Subscription(filter, qos, noLocal, retainAsPublished, retainHandling));
        }
        if (subscriptions.isEmpty()) {
            // [MQTT-3.8.3-3] (3.1.1) / [MQTT-3.8.3-2] (5.0): at least one topic filter
            throw PacketViolation.protocolError(
                    "SUBSCRIBE without topic filters", v5 ? "MQTT-3.8.3-2" : "MQTT-3.8.3-3");
        }
        return new Subscribe(packetId, subscriptions, properties);
    }

    static Unsubscribe readUnsubscribe(BodyReader in, MqttVersion version) {
        int packetId = PacketIdentifiers.read(in, PacketType.UNSUBSCRIBE, version);
        Properties properties = version.isV5()
                ? PropertiesReader.read(in, PropertyId.Scope.UNSUBSCRIBE, "UNSUBSCRIBE")
                : Properties.EMPTY;
        List<String> filters = new ArrayList<>();
        while (in.hasRemaining()) {
            filters.add(in.readString("topic filter")); // [MQTT-3.10.3-1]
        }
        if (filters.isEmpty()) {
            // [MQTT-3.10.3-2] at least one topic filter
            throw PacketViolation.protocolError("UNSUBSCRIBE without topic filters", "MQTT-3.10.3-2");
        }
        return new Unsubscribe(packetId, filters, properties);
    }

    static SubAck readSubAck(BodyReader in, MqttVersion version) {
        int packetId = PacketIdentifiers.read(in, PacketType.SUBACK, version);
        Properties properties =
                version.isV5() ? PropertiesReader.read(in, PropertyId.Scope.SUBACK, "SUBACK") : Properties.EMPTY;
        return new SubAck(packetId, readCodes(in, PacketType.SUBACK, version), properties);
    }

    static UnsubAck readUnsubAck(BodyReader in, MqttVersion version) {
        int packetId = PacketIdentifiers.read(in, PacketType.UNSUBACK, version);
        if (!version.isV5()) {
            in.expectEnd("UNSUBACK");
            return new UnsubAck(packetId, List.of(), Properties.EMPTY);
        }
        Properties properties = PropertiesReader.read(in, PropertyId.Scope.UNSUBACK, "UNSUBACK");
        return new UnsubAck(packetId, readCodes(in, PacketType.UNSUBACK, version), properties);
    }

    private static List<Integer> readCodes(BodyReader in, PacketType type, MqttVersion version) {
        List<Integer> codes = new ArrayList<>(in.remaining());
        while (in.hasRemaining()) {
            int code = in.readByte("reason code");
            AllowedReasonCodes.check(type, version, code);
            codes.add(code);
        }
        if (codes.isEmpty()) {
            throw PacketViolation.malformed(type + " without reason codes", null); // one per topic filter
        }
        return codes;
    }
}
