package io.cicada.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.cicada.broker.transport.limit.ConnectionLimits;
import io.cicada.server.Broker;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** max_connections: a connection over the limit is closed at once; the others keep working; room frees up again. */
class ConnectionLimitTest {

    @Test
    void connectionOverTheLimitIsClosedAndTheBrokerKeepsServing() {
        try (Broker broker = SecureBrokers.start(s -> s.withConnectionLimits(new ConnectionLimits(2, Map.of())))) {
            Mqtt5BlockingClient first = SecureBrokers.client(broker, "first");
            Mqtt5BlockingClient second = SecureBrokers.client(broker, "second");
            first.connect();
            second.connect();

            assertThatThrownBy(SecureBrokers.client(broker, "third")::connect).isInstanceOf(RuntimeException.class);

            first.publishWith().topic("still/working").send();
            second.disconnect();
            Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                Mqtt5BlockingClient again = SecureBrokers.client(broker, "again");
                again.connect();
                again.disconnect();
                return true;
            });
            assertThat(first.getState().isConnected()).isTrue();
            first.disconnect();
        }
    }

    @Test
    void perListenerLimitAppliesToThatListener() {
        try (Broker broker =
                SecureBrokers.start(s -> s.withConnectionLimits(new ConnectionLimits(0, Map.of("tcp", 1))))) {
            Mqtt5BlockingClient only = SecureBrokers.client(broker, "only");
            only.connect();
            assertThatThrownBy(SecureBrokers.client(broker, "more")::connect).isInstanceOf(RuntimeException.class);
            only.disconnect();
        }
    }
}
