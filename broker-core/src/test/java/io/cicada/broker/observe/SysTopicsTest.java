package io.cicada.broker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.broker.message.Message;
import io.cicada.broker.time.FakeClock;
import io.cicada.broker.time.FakeTimers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysTopicsTest {
    private final FakeClock clock = new FakeClock();
    private final FakeTimers timers = new FakeTimers(clock);
    private final BrokerStats stats = new BrokerStats();
    private final Map<String, Message> published = new LinkedHashMap<>();
    private final SysTopics sys = new SysTopics(
            stats,
            new SysTopics.Sources("cicada 9.9", () -> 4, () -> 7, () -> 2),
            m -> published.put(m.topic(), m),
            timers,
            clock,
            10);

    private String value(String topic) {
        return published.get(topic).payload().asUtf8();
    }

    @Test
    void publishesMosquittosLayoutAsRetainedMessages() {
        stats.clientConnected();
        stats.messageReceived(3);
        stats.messageSent(3);
        stats.messageSent(3);
        sys.start();
        assertThat(published.keySet())
                .containsExactly(
                        "$SYS/broker/version",
                        "$SYS/broker/uptime",
                        "$SYS/broker/clients/connected",
                        "$SYS/broker/clients/total",
                        "$SYS/broker/messages/received",
                        "$SYS/broker/messages/sent",
                        "$SYS/broker/subscriptions/count",
                        "$SYS/broker/retained messages/count");
        assertThat(published.values()).allMatch(Message::retain).allMatch(m -> m.qos() == 0);
        assertThat(value("$SYS/broker/version")).isEqualTo("cicada 9.9");
        assertThat(value("$SYS/broker/clients/connected")).isEqualTo("1");
        assertThat(value("$SYS/broker/clients/total")).isEqualTo("4");
        assertThat(value("$SYS/broker/messages/received")).isEqualTo("1");
        assertThat(value("$SYS/broker/messages/sent")).isEqualTo("2");
        assertThat(value("$SYS/broker/subscriptions/count")).isEqualTo("7");
        assertThat(value("$SYS/broker/retained messages/count")).isEqualTo("2");
    }

    @Test
    void republishesEveryIntervalWithTheUptime() {
        sys.start();
        assertThat(value("$SYS/broker/uptime")).isEqualTo("0 seconds");
        timers.advance(Duration.ofSeconds(10));
        assertThat(value("$SYS/broker/uptime")).isEqualTo("10 seconds");
        timers.advance(Duration.ofSeconds(20));
        assertThat(value("$SYS/broker/uptime")).isEqualTo("30 seconds");
    }

    @Test
    void stopEndsThePublishing() {
        sys.start();
        sys.stop();
        published.clear();
        timers.advance(Duration.ofMinutes(1));
        assertThat(published).isEmpty();
    }
}
