package io.cicada.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void aMessageWithEveryTravellingPropertySurvivesTheRoundTrip() {
        Properties properties = Properties.builder()
                .payloadFormatIndicator(1)
                .messageExpiryInterval(60L)
                .contentType("text/plain")
                .responseTopic("reply/here")
                .correlationData(new byte[] {1, 2, 3})
                .addUserProperty("k", "v")
                .build();
        Message message =
                new Message("a/b", 2, true, Payload.utf8("héllo"), properties, "sender-1", 1_700_000_000_123L);

        Message decoded = MessageCodec.decode(MessageCodec.encode(message));

        assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
    }

    @Test
    void aBrokerMessageAtQos0WithAnEmptyPayloadSurvivesTheRoundTrip() {
        Message message = new Message("$SYS/x", 0, false, Payload.EMPTY, Properties.EMPTY, null, 5L);

        assertThat(MessageCodec.decode(MessageCodec.encode(message)))
                .usingRecursiveComparison()
                .isEqualTo(message);
    }
}
