package io.cicada.broker.connection;

import static io.cicada.broker.connection.Packets.connect5;
import static io.cicada.broker.connection.Packets.publish;
import static io.cicada.broker.connection.Packets.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cicada.broker.BrokerSettings;
import io.cicada.broker.limit.ClientLimits;
import io.cicada.broker.limit.Limit;
import io.cicada.broker.limit.RatePolicy;
import io.cicada.mqtt.packet.Subscription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Limit log lines say who and why, and come at most once per client and limit every 10 seconds. */
class LimitLogLinesTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(LimitNotice.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final CoreHarness harness = new CoreHarness(BrokerSettings.builder()
            .sysIntervalSeconds(0)
            .limits(ClientLimits.builder()
                    .maxPublishRate(1)
                    .ratePolicy(RatePolicy.REFUSE)
                    .maxSubscriptions(1)
                    .maxTopicLevels(2)
                    .build())
            .build());

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void refusalsAreLoggedOncePerIntervalWithTheCountHeldBack() {
        TestClient client = harness.client();
        client.connect(connect5("noisy"));
        for (int id = 1; id <= 6; id++) {
            client.send(publish("t", 1, id, "x")); // the first passes, five are refused
        }
        assertThat(lines())
                .containsExactly("client 'noisy' over max_publish_rate: 1 messages/s, burst 1: QoS 1 PUBLISH refused"
                        + " with 0x97");
        assertThat(harness.core.stats().limitHits(Limit.PUBLISH_RATE)).isEqualTo(5);

        harness.advance(Duration.ofSeconds(10));
        client.send(publish("t", 1, 7, "x"), publish("t", 1, 8, "x"));
        assertThat(lines())
                .hasSize(2)
                .last()
                .isEqualTo("client 'noisy' over max_publish_rate: 1 messages/s, burst 1: QoS 1 PUBLISH refused with"
                        + " 0x97 (4 more since the last line)");
    }

    @Test
    void eachLimitHasItsOwnLineAndSaysWhatWasRefused() {
        TestClient client = harness.client();
        client.connect(connect5("c"));
        client.send(subscribe(1, Subscription.of("a", 0), Subscription.of("b", 0), Subscription.of("a/b/c", 0)));
        assertThat(lines())
                .containsExactly(
                        "client 'c' over max_subscriptions_per_client: holds 1 subscriptions, at most 1 allowed: 'b'"
                                + " refused in SUBACK",
                        "client 'c' over max_topic_levels: topic filter 'a/b/c' has 3 levels, at most 2 allowed:"
                                + " refused in SUBACK");
    }
}
