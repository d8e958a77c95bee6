package io.cicada.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.cli.ExitCode;
import io.cicada.mqtt.packet.MqttVersion;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MqttRefusedExceptionTest {
    @Test
    void namesMqtt5ReasonCodesInLowerCaseWithTheirHexValue() {
        assertThat(new MqttRefusedException("connection refused", 0x87, MqttVersion.MQTT_5).getMessage())
                .isEqualTo("connection refused: not authorized (0x87)");
        assertThat(new MqttRefusedException("publish refused (PUBACK)", 0x97, MqttVersion.MQTT_3_1_1).getMessage())
                .isEqualTo("publish refused (PUBACK): quota exceeded (0x97)");
    }

    @Test
    void namesMqtt3ConnectReturnCodesAfterTheirOwnTable() {
        assertThat(new MqttRefusedException("connection refused", 4, MqttVersion.MQTT_3_1_1).getMessage())
                .isEqualTo("connection refused: bad user name or password (0x04)");
        assertThat(new MqttRefusedException("connection refused", 2, MqttVersion.MQTT_3_1).getMessage())
                .isEqualTo("connection refused: identifier rejected (0x02)");
    }

    @Test
    void failuresMapToTheDocumentedExitCodes() {
        assertThat(Failures.exitCode(new CompletionException(
                        new MqttRefusedException("connection refused", 0x86, MqttVersion.MQTT_5))))
                .isEqualTo(ExitCode.REFUSED);
        assertThat(Failures.exitCode(new MqttRefusedException("publish refused (PUBACK)", 0x87, MqttVersion.MQTT_5)))
                .isEqualTo(ExitCode.REJECTED);
        assertThat(Failures.exitCode(new ConnectException("Connection refused")))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(Failures.message(new ConnectException("Connection refused")))
                .isEqualTo("cannot connect: Connection refused");
    }
}
