package io.cicada.broker.connection;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.Will;
import java.util.List;

/** Packet builders for the core's tests. */
public final class Packets {
    private Packets() {}

    public static Connect connect(MqttVersion version, String clientId, boolean cleanStart) {
        return new Connect(version, clientId, cleanStart, 60, null, null, null, Properties.EMPTY);
    }

    public static Connect connect311(String clientId) {
        return connect(MqttVersion.MQTT_3_1_1, clientId, true);
    }

    public static Connect connect5(String clientId) {
        return connect(MqttVersion.MQTT_5, clientId, true);
    }

    public static Connect connect5(String clientId, boolean cleanStart, Properties properties) {
        return new Connect(MqttVersion.MQTT_5, clientId, cleanStart, 60, null, null, null, properties);
    }

    public static Connect withKeepAlive(Connect c, int seconds) {
        return new Connect(
                c.version(),
                c.clientId(),
                c.cleanStart(),
                seconds,
                c.username(),
                c.password(),
                c.will(),
                c.properties());
    }

    public static Connect withWill(Connect c, Will will) {
        return new Connect(
                c.version(),
                c.clientId(),
                c.cleanStart(),
                c.keepAliveSeconds(),
                c.username(),
                c.password(),
                will,
                c.properties());
    }

    public static Connect withUser(Connect c, String username, String password) {
        return new Connect(
                c.version(),
                c.clientId(),
                c.cleanStart(),
                c.keepAliveSeconds(),
                username,
                password == null ? null : password.getBytes(),
                c.will(),
                c.properties());
    }

    public static Will will(String topic, String payload) {
        return new Will(topic, Payload.utf8(payload), 0, false, Properties.EMPTY);
    }

    public static Publish publish(String topic, int qos, int packetId, String payload) {
        return new Publish(topic, qos, false, false, packetId, Properties.EMPTY, Payload.utf8(payload));
    }

    public static Publish retained(String topic, int qos, int packetId, String payload) {
        return new Publish(topic, qos, false, true, packetId, Properties.EMPTY, Payload.utf8(payload));
    }

    public static Subscribe subscribe(int packetId, String filter, int qos) {
        return new Subscribe(packetId, List.of(Subscription.of(filter, qos)), Properties.EMPTY);
    }

    public static Subscribe subscribe(int packetId, Subscription... subscriptions) {
        return new Subscribe(packetId, List.of(subscriptions), Properties.EMPTY);
    }
}
