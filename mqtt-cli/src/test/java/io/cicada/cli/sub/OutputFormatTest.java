package io.cicada.cli.sub;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private static final Publish MESSAGE = new Publish(
            "home/kitchen",
            2,
            false,
            true,
            7,
            Properties.builder()
                    .addUserProperty("unit", "celsius")
                    .addUserProperty("room", "k")
                    .contentType("text/plain")
                    .messageExpiryInterval(30L)
                    .responseTopic("re/1")
                    .addSubscriptionIdentifier(4)
                    .build(),
            Payload.utf8("21.5"));

    @Test
    void printsThePayloadAloneByDefault() {
        assertThat(render(new OutputFormat(null, false, true))).isEqualTo("21.5\n");
    }

    @Test
    void verbosePutsTheTopicFirst() {
        assertThat(render(new OutputFormat(null, true, true))).isEqualTo("home/kitchen 21.5\n");
    }

    @Test
    void noNewlineLeavesTheLineOpen() {
        assertThat(render(new OutputFormat(null, false, false))).isEqualTo("21.5");
    }

    @Test
    void formatDirectivesAsMosquittoSubSpellsThem() {
        OutputFormat format = new OutputFormat("%t %p %q %r %m %l %x %X %C %E %R %S %P %%", false, true);
        assertThat(render(format))
                .isEqualTo("home/kitchen 21.5 2 1 7 4 32312e35 32312E35 text/plain 30 re/1 4 unit:celsius room:k %\n");
    }

    @Test
    void escapesAndUnsetPropertiesPrintNothingExtra() {
        Publish bare = Publish.qos0("a", Payload.utf8("x"));
        assertThat(new String(new OutputFormat("%t\\t%C|%D|\\n", false, false).render(bare), StandardCharsets.UTF_8))
                .isEqualTo("a\t||\n");
    }

    @Test
    void timeDirectivesPrintIsoAndUnixTime() {
        String line = render(new OutputFormat("%I %U", false, false));
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z \\d+\\.\\d{9}");
    }

    private static String render(OutputFormat format) {
        return new String(format.render(MESSAGE), StandardCharsets.UTF_8);
    }
}
