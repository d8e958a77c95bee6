package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.connection.Outbound.ReadPause;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ChannelOutboundTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ChannelOutbound outbound = new ChannelOutbound(channel, "tcp");

    @Test
    void readingStaysPausedUntilEveryReasonIsLifted() {
        outbound.pauseReading(ReadPause.BACKPRESSURE);
        outbound.pauseReading(ReadPause.RATE_LIMIT);
        assertThat(channel.config().isAutoRead()).isFalse();

        outbound.resumeReading(ReadPause.BACKPRESSURE);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(outbound.isReadingPaused()).isTrue();

        outbound.resumeReading(ReadPause.RATE_LIMIT);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(outbound.isReadingPaused()).isFalse();
    }

    @Test
    void pausingTwiceForOneReasonIsLiftedByOneResume() {
        outbound.pauseReading(ReadPause.AUTHORIZATION);
        outbound.pauseReading(ReadPause.AUTHORIZATION);
        outbound.resumeReading(ReadPause.AUTHORIZATION);

        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void resumingAReasonThatWasNotGivenChangesNothing() {
        outbound.resumeReading(ReadPause.RATE_LIMIT);
        assertThat(channel.config().isAutoRead()).isTrue();

        outbound.pauseReading(ReadPause.BACKPRESSURE);
        outbound.resumeReading(ReadPause.RATE_LIMIT);
        assertThat(channel.config().isAutoRead()).isFalse();
    }
}
