package io.cicada.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code -L} URL as mosquitto_pub/sub spell it. */
class MqttUrlTest {

    @Test
    void hostPortAndTopic() {
        assertThat(MqttUrl.parse("mqtt://broker.local:1884/home/+/temperature"))
                .isEqualTo(new MqttUrl(false, "broker.local", 1884, null, null, "home/+/temperature"));
    }

    @Test
    void credentialsTlsAndTheDefaultPort() {
        assertThat(MqttUrl.parse("mqtts://alice:s3:cret@example.com/a/#"))
                .isEqualTo(new MqttUrl(true, "example.com", null, "alice", "s3:cret", "a/#"));
        assertThat(MqttUrl.parse("mqtt://bob@[::1]:1883/t"))
                .isEqualTo(new MqttUrl(false, "::1", 1883, "bob", null, "t"));
    }

    @Test
    void malformedUrlsNameTheProblem() {
        assertThatThrownBy(() -> MqttUrl.parse("http://host/t")).hasMessageContaining("mqtt:// or mqtts://");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://host")).hasMessageContaining("no topic");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://host/")).hasMessageContaining("no topic");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://host:99999/t")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://:1883/t")).hasMessageContaining("no host");
    }
}
