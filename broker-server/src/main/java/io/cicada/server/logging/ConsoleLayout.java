package io.cicada.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/**
 * The layout of the broker's console log, chosen by {@code CICADA_LOG_FORMAT}: {@code text} (the default: {@code
 * time level logger - message}) or {@code json}, one JSON object per line with {@code time} (ISO-8601 UTC), {@code
 * level}, {@code logger}, {@code thread}, {@code message} and, when there is one, {@code exception} (the stack
 * trace), for shipping to log systems. Configured by Logback from {@code logback.xml}; {@link #doLayout} is called on
 * any logging thread and keeps no state between calls.
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {

    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private String format = "text";
    private PatternLayout text;

    /** {@code text} or {@code json}; anything else is text. Set by Logback from the configuration. */
    public void setFormat(String value) {
        this.format = value == null ? "text" : value.trim();
    }

    @Override
    public void start() {
        text = new PatternLayout();
        text.setContext(getContext());
        text.setPattern(TEXT_PATTERN);
        text.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return "json".equalsIgnoreCase(format) ? json(event) : text.doLayout(event);
    }

    static String json(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
                .append(',');
        field(line, "level", event.getLevel().toString()).append(',');
        field(line, "logger", event.getLoggerName()).append(',');
        field(line, "thread", event.getThreadName()).append(',');
        field(line, "message", event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(',');
            field(line, "exception", ThrowableProxyUtil.asString(thrown));
        }
        return line.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            return line.append("null");
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
