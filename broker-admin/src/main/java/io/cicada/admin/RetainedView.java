package io.cicada.admin;

import io.cicada.broker.message.Message;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A retained message as the admin API shows it: the payload as text when it is valid UTF-8, base64 otherwise, with
 * the encoding named. Immutable.
 *
 * @param topic the topic it is retained on
 * @param qos the QoS it was published with
 * @param payload the payload, encoded as {@code encoding} says
 * @param encoding {@code utf8} or {@code base64}
 * @param bytes the payload's size in bytes
 */
record RetainedView(String topic, int qos, String payload, String encoding, int bytes) {

    static RetainedView of(Message message) {
        byte[] payload = message.payload().array();
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
            return new RetainedView(message.topic(), message.qos(), text, "utf8", payload.length);
        } catch (CharacterCodingException e) {
            return new RetainedView(
                    message.topic(),
                    message.qos(),
                    Base64.getEncoder().encodeToString(payload),
                    "base64",
                    payload.length);
        }
    }
}
