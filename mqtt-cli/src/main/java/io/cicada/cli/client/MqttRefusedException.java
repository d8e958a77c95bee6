package io.cicada.cli.client;

import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.Locale;

/**
 * The broker said no: a CONNACK, acknowledgement or DISCONNECT with a failure code. The message is one line a script
 * can match, such as {@code connection refused: not authorized (0x87)}; MQTT 3.1 / 3.1.1 connect return codes are
 * named after their own table ({@code connection refused: not authorized (0x05)}). Immutable.
 */
public final class MqttRefusedException extends RuntimeException {
    private final int reasonCode;

    public MqttRefusedException(String what, int reasonCode, MqttVersion version) {
        super(what + ": " + describe(what, reasonCode, version), null, false, false);
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }

    private static String describe(String what, int code, MqttVersion version) {
        String name;
        if (!version.isV5() && what.startsWith("connection")) {
            name = switch (code) {
                case ReasonCode.V3_UNACCEPTABLE_PROTOCOL_VERSION -> "unacceptable protocol version";
                case ReasonCode.V3_IDENTIFIER_REJECTED -> "identifier rejected";
                case ReasonCode.V3_SERVER_UNAVAILABLE -> "server unavailable";
                case ReasonCode.V3_BAD_USER_NAME_OR_PASSWORD -> "bad user name or password";
                case ReasonCode.V3_NOT_AUTHORIZED -> "not authorized";
                default -> "unknown return code";
            };
        } else {
            String described = ReasonCode.describe(code); // "0x87 Not authorized"
            name = described.substring(described.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        }
        return String.format("%s (0x%02X)", name, code);
    }
}
