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
                .contains(
                        "$SYS/broker/version",
                        "$SYS/broker/uptime",
                        "$SYS/broker/clients/connected",
                        "$SYS/broker/clients/disconnected",
                        "$SYS/broker/clients/total",
                        "$SYS/broker/clients/maximum",
                        "$SYS/broker/messages/received",
                        "$SYS/broker/messages/sent",
                        "$SYS/broker/publish/messages/dropped",
                        "$SYS/broker/bytes/received",
                        "$SYS/broker/bytes/sent",
                        "$SYS/broker/subscriptions/count",
                        "$SYS/broker/retained messages/count",
                        "$SYS/broker/load/messages/received/1min",
                        "$SYS/broker/load/bytes/sent/15min",
                        "$SYS/broker/load/connections/5min");
        assertThat(published.values()).allMatch(Message::retain).allMatch(m -> m.qos() == 0);
        assertThat(value("$SYS/broker/version")).isEqualTo("cicada 9.9");
        assertThat(value("$SYS/broker/clients/connected")).isEqualTo("1");
        assertThat(value("$SYS/broker/clients/total")).isEqualTo("4");
        assertThat(value("$SYS/broker/messages/received")).isEqualTo("1");
        assertThat(value("$SYS/broker/messages/sent")).isEqualTo("2");
        assertThat(value("$SYS/broker/subscriptions/count")).isEqualTo("7");
        assertThat(value("$SYS/broker/retained messages/count")).isEqualTo("2");
        assertThat(value("$SYS/broker/clients/disconnected")).isEqualTo("3");
        assertThat(value("$SYS/broker/bytes/sent")).isEqualTo("6");
    }

    @Test
    void loadIsTheMovingAverageOfTheRatePerMinute() {
        sys.start();
        assertThat(value("$SYS/broker/load/messages/received/1min")).isEqualTo("0.00");
        // 10 messages in each 10 s interval: 60 per minute.
        for (int tick = 0; tick < 600; tick++) {
            for (int i = 0; i < 10; i++) {
                stats.messageReceived(0, 1);
            }
            timers.advance(Duration.ofSeconds(10));
        }
        assertThat(value("$SYS/broker/load/messages/received/1min")).isEqualTo("60.00");
        assertThat(Double.parseDouble(value("$SYS/broker/load/messages/received/15min")))
                .isCloseTo(60, org.assertj.core.data.Offset.offset(0.1));
        assertThat(value("$SYS/broker/load/bytes/received/5min")).isEqualTo("60.00");
        // One quiet interval: the 1-minute average falls faster than the 15-minute one.
        timers.advance(Duration.ofSeconds(10));
        double oneMinute = Double.parseDouble(value("$SYS/broker/load/messages/received/1min"));
        double fifteenMinutes = Double.parseDouble(value("$SYS/broker/load/messages/received/15min"));
        assertThat(oneMinute).isCloseTo(60 * Math.exp(-10.0 / 60), org.assertj.core.data.Offset.offset(0.01));
        assertThat(fifteenMinutes).isGreaterThan(oneMinute);
    }

    @Test
    void clientEventsArePublishedOnlyWhenEnabled() {
        Map<String, Message> events = new LinkedHashMap<>();
        new ClientEvents(false, m -> events.put(m.topic(), m), clock).connected("c", "1.2.3.4:5", "tcp", "5.0", null);
        assertThat(events).isEmpty();

        ClientEvents enabled = new ClientEvents(true, m -> events.put(m.topic(), m), clock);
        enabled.connected("sensor/1", "1.2.3.4:5", "tcp", "5.0", "u\"x");
        enabled.disconnected("sensor/1", "client sent DISCONNECT");

        assertThat(events.get("$SYS/broker/clients/sensor_1/connected")
                        .payload()
                        .asUtf8())
                .startsWith("{\"clientId\":\"sensor/1\",\"address\":\"1.2.3.4:5\",\"listener\":\"tcp\","
                        + "\"protocolVersion\":\"5.0\",\"username\":\"u\\\"x\",\"timestamp\":");
        assertThat(events.get("$SYS/broker/clients/sensor_1/disconnected")
                        .payload()
                        .asUtf8())
                .contains("\"reason\":\"client sent DISCONNECT\"");
        assertThat(events.values()).noneMatch(Message::retain);
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

    @Test
    void limitHitsArePublishedPerLimit() {
        stats.limitHit(io.cicada.broker.limit.Limit.PUBLISH_RATE);
        stats.limitHit(io.cicada.broker.limit.Limit.PUBLISH_RATE);
        stats.limitHit(io.cicada.broker.limit.Limit.CONNECT_RATE);
        sys.start();
        assertThat(value("$SYS/broker/limits/publish_rate/hits")).isEqualTo("2");
        assertThat(value("$SYS/broker/limits/connect_rate/hits")).isEqualTo("1");
        assertThat(value("$SYS/broker/limits/subscriptions/hits")).isEqualTo("0");
    }
}
