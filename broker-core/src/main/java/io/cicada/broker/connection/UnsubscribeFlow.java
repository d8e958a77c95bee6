package io.cicada.broker.connection;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.mqtt.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * UNSUBSCRIBE → UNSUBACK, always answered even when nothing matched [MQTT-3.10.4-5]; MQTT 5 gets a reason code per
 * filter (0x00, 0x11 No subscription existed, 0x8F for an invalid filter). Runs on the connection's event loop.
 */
final class UnsubscribeFlow {
    private final Connection connection;

    UnsubscribeFlow(Connection connection) {
        this.connection = connection;
    }

    void onUnsubscribe(Unsubscribe unsubscribe) {
        List<Integer> codes = new ArrayList<>(unsubscribe.topicFilters().size());
        for (String filter : unsubscribe.topicFilters()) {
            if (!Topics.isValidTopicFilter(filter)) {
                codes.add(ReasonCode.TOPIC_FILTER_INVALID);
            } else {
                // [MQTT-3.10.4-1] the subscription is deleted; [MQTT-3.10.4-2] no new messages for it
                boolean existed = connection.session().unsubscribe(filter);
                codes.add(existed ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
            }
        }
        List<Integer> sent = connection.version().isV5() ? codes : List.of();
        connection.send(new UnsubAck(unsubscribe.packetId(), sent, Properties.EMPTY));
    }
}
