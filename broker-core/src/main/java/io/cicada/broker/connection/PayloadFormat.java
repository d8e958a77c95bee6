package io.cicada.broker.connection;

import io.cicada.mqtt.packet.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the MQTT 5 Payload Format Indicator: a payload marked 1 must be well-formed UTF-8 (§3.3.2.3.2, for a will
 * §3.1.3.2.3); the broker validates it and refuses a malformed one with 0x99 Payload format invalid. Stateless; any
 * thread.
 */
final class PayloadFormat {
    private PayloadFormat() {}

    /** True unless {@code indicator} is 1 and the payload is not well-formed UTF-8. */
    static boolean isValid(Integer indicator, Payload payload) {
        if (indicator == null || indicator != 1 || payload.isEmpty()) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload.array()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
