package io.cicada.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConsoleLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.cicada.broker.connection.Connection");

    private ConsoleLayout layout(String format) {
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.setFormat(format);
        layout.start();
        return layout;
    }

    @Test
    void jsonFormatWritesOneParseableObjectPerLine() throws Exception {
        LoggingEvent event = new LoggingEvent(
                "fqcn", logger, Level.INFO, "client '{}' disconnected: {}", null, new Object[] {"a\"b", "line\nbreak"});
        event.setThreadName("cicada-io-1");

        String line = layout("json").doLayout(event);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.trim()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("io.cicada.broker.connection.Connection");
        assertThat(json.get("thread").asText()).isEqualTo("cicada-io-1");
        assertThat(json.get("message").asText()).isEqualTo("client 'a\"b' disconnected: line\nbreak");
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void jsonFormatCarriesTheStackTrace() throws Exception {
        LoggingEvent event =
                new LoggingEvent("fqcn", logger, Level.WARN, "failed", new IllegalStateException("boom"), null);
        JsonNode json = new ObjectMapper().readTree(layout("json").doLayout(event));
        assertThat(json.get("exception").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void textFormatIsTheUsualLine() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "hello", null, null);
        assertThat(layout("text").doLayout(event)).matches("\\S+ \\S+ INFO  Connection - hello\\R");
    }
}
