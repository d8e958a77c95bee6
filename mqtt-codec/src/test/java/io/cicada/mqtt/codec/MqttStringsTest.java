package io.cicada.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttStringsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "61", "c3bc", "e282ac", "f09d849e", "efbbbf61", "f48fbfbf", "7f"})
    void acceptsWellFormedUtf8(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(MqttStrings.isValid(b, 0, b.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00", // [MQTT-1.5.4-2] U+0000
                "eda080",
                "edbfbf", // [MQTT-1.5.4-1] encoded surrogates
                "c0af",
                "c180",
                "e080af",
                "f08282ac", // overlong forms
                "f4908080",
                "f5808080",
                "ff",
                "80", // above U+10FFFF, invalid lead bytes, lone continuation
                "c3",
                "e282",
                "f09d84", // truncated sequences
                "c341"
            })
    void refusesIllFormedUtf8(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(MqttStrings.isValid(b, 0, b.length)).isFalse();
    }

    @Test
    void agreesWithTheJdkOnLengths() {
        String s = "aü€𝄞";
        assertThat(MqttStrings.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void refusesToEncodeWhatCannotBeDecoded() {
        assertThat(MqttStrings.isEncodable("a\0")).isFalse();
        assertThat(MqttStrings.isEncodable("\uD800")).isFalse();
        assertThat(MqttStrings.isEncodable("\uDC00a")).isFalse();
        assertThat(MqttStrings.isEncodable("x".repeat(65_536))).isFalse();
        assertThat(MqttStrings.isEncodable("𝄞")).isTrue();
    }
}
