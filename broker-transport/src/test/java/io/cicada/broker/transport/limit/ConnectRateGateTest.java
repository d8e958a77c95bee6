package io.cicada.broker.transport.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.broker.limit.Limit;
import io.cicada.broker.observe.BrokerStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectRateGateTest {
    private final BrokerStats stats = new BrokerStats();

    /** Counts the channels that got past the gates. */
    private static final class Passed extends ChannelInboundHandlerAdapter {
        final AtomicInteger count;

        Passed(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            count.incrementAndGet();
        }
    }

    @Test
    void connectionsOverTheBurstAreClosedBeforeTheRestOfThePipeline() {
        ConnectRateGate gate = new ConnectRateGate("tcp", new ConnectRate(1, 3), stats);
        AtomicInteger passed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(gate, new Passed(passed));
            assertThat(channel.isOpen()).isEqualTo(i < 3);
        }
        assertThat(passed).hasValue(3);
        assertThat(gate.refused()).isEqualTo(2);
        assertThat(stats.limitHits(Limit.CONNECT_RATE)).isEqualTo(2);
    }

    @Test
    void theBurstDefaultsToTheRate() {
        assertThat(new ConnectRate(5, 0).effectiveBurst()).isEqualTo(5);
        assertThat(new ConnectRate(5, 9).effectiveBurst()).isEqualTo(9);
        assertThat(ConnectRate.NONE.limited()).isFalse();
        assertThatThrownBy(() -> new ConnectRateGate("tcp", ConnectRate.NONE, stats))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListenerOwnRateReplacesTheDefault() {
        ConnectionLimits limits = ConnectionLimits.none()
                .withConnectRate(new ConnectRate(10, 0))
                .withListenerConnectRate("public", new ConnectRate(2, 4))
                .withListenerConnectRate("internal", ConnectRate.NONE);
        assertThat(limits.connectRateOf("tcp")).isEqualTo(new ConnectRate(10, 0));
        assertThat(limits.connectRateOf("public")).isEqualTo(new ConnectRate(2, 4));
        assertThat(limits.connectRateOf("internal").limited()).isFalse();
        assertThat(limits.any()).isFalse(); // no cap on open connections
        assertThat(new ConnectionLimits(0, Map.of("tcp", 1)).connectRateOf("tcp"))
                .isEqualTo(ConnectRate.NONE);
    }

    @Test
    void connectionGateCountsItsRefusalsToo() {
        ConnectionGate gate = new ConnectionGate("tcp", new ConnectionLimits(1, Map.of()), new AtomicInteger(), stats);
        EmbeddedChannel first = new EmbeddedChannel(gate);
        EmbeddedChannel second = new EmbeddedChannel(gate);
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isFalse();
        assertThat(stats.limitHits(Limit.CONNECTIONS)).isEqualTo(1);
    }
}
