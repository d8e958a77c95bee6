package io.cicada.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.UserProperty;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PropertyArgsTest {
    @Command(name = "t")
    static final class Holder implements Runnable {
        @Mixin
        ConnectionOptions connection;

        @Override
        public void run() {}
    }

    @Test
    void parsesPropertiesPerCommandAsMosquittoSpellsThem() {
        Holder holder = parse(
                "-V",
                "5",
                "-D",
                "publish",
                "user-property",
                "a",
                "1",
                "-D",
                "publish",
                "user-property",
                "a",
                "2",
                "-D",
                "publish",
                "message-expiry-interval",
                "30",
                "-D",
                "publish",
                "correlation-data",
                "xyz",
                "-D",
                "connect",
                "session-expiry-interval",
                "60",
                "-D",
                "will",
                "will-delay-interval",
                "5");
        Properties publish = holder.connection.properties.forCommand("publish");
        assertThat(publish.userProperties()).containsExactly(new UserProperty("a", "1"), new UserProperty("a", "2"));
        assertThat(publish.messageExpiryInterval()).isEqualTo(30L);
        assertThat(publish.correlationData()).isEqualTo("xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(holder.connection.connect().properties().sessionExpiryInterval())
                .isEqualTo(60L);
        assertThat(holder.connection.properties.forCommand("will").willDelayInterval())
                .isEqualTo(5L);
        assertThat(holder.connection.properties.forCommand("subscribe")).isEqualTo(Properties.EMPTY);
    }

    @Test
    void unknownPropertiesAndBadNumbersAreUsageErrors() {
        assertThatThrownBy(() -> parse("-D", "publish", "no-such-thing", "1"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown or unsupported property 'no-such-thing'");
        assertThatThrownBy(() -> parse("-D", "publish", "message-expiry-interval", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'soon' is not a number");
        assertThatThrownBy(() -> parse("-D", "publish", "user-property", "only-name"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("missing VALUE");
    }

    @Test
    void propertiesNeedMqtt5() {
        Holder holder = parse("-D", "publish", "content-type", "x");
        assertThatThrownBy(() -> holder.connection.connect())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("-D needs MQTT 5 (-V 5)");
    }

    @Test
    void persistentSessionInMqtt5NeverExpiresUnlessToldOtherwise() {
        assertThat(parse("-V", "5", "-c", "-i", "me")
                        .connection
                        .connect()
                        .properties()
                        .sessionExpiryInterval())
                .isEqualTo(0xFFFF_FFFFL);
        assertThat(parse("-V", "5", "-c", "-i", "me", "-x", "60")
                        .connection
                        .connect()
                        .properties()
                        .sessionExpiryInterval())
                .isEqualTo(60L);
        assertThat(parse("-V", "311", "-c", "-i", "me").connection.connect().cleanStart())
                .isFalse();
    }

    private static Holder parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder;
    }
}
