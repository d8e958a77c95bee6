package io.cicada.cli.sub;

import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.UserProperty;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * How {@code sub} and {@code rr} print a message: the payload; with {@code -v} the topic, a space and the payload;
 * with {@code -F} a format in {@code mosquitto_sub}'s spelling. Each message ends with a newline unless {@code -N}.
 * Immutable; used on the main thread.
 *
 * <p>{@code -F} directives: {@code %t} topic, {@code %p} payload, {@code %x} / {@code %X} payload in lower / upper
 * case hex, {@code %l} payload length, {@code %q} QoS, {@code %r} retain flag (0/1), {@code %m} packet id, {@code %I}
 * ISO-8601 time, {@code %U} Unix time with nanoseconds, {@code %C} content type, {@code %D} correlation data,
 * {@code %E} message expiry interval, {@code %F} payload format indicator, {@code %R} response topic, {@code %S}
 * subscription identifiers, {@code %P} user properties as {@code name:value} pairs, {@code %%} a percent sign;
 * escapes {@code \n}, {@code \t}, {@code \\}, {@code \0}. An unset property prints nothing.
 */
public final class OutputFormat {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private final String format;
    private final boolean verbose;
    private final boolean newline;

    public OutputFormat(String format, boolean verbose, boolean newline) {
        this.format = format;
        this.verbose = verbose;
        this.newline = newline;
    }

    /** The bytes to write for {@code publish}. */
    public byte[] render(Publish publish) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(publish.payload().size() + 64);
        if (format != null) {
            renderFormat(publish, out);
        } else {
            if (verbose) {
                text(out, publish.topic() + " ");
            }
            out.writeBytes(publish.payload().array());
        }
        if (newline) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void renderFormat(Publish publish, ByteArrayOutputStream out) {
        Properties p = publish.properties();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if ((c == '%' || c == '\\') && i + 1 < format.length()) {
                char d = format.charAt(++i);
                if (c == '\\') {
                    escape(out, d);
                    continue;
                }
                switch (d) {
                    case 't' -> text(out, publish.topic());
                    case 'p' -> out.writeBytes(publish.payload().array());
                    case 'x' ->
                        text(out, HexFormat.of().formatHex(publish.payload().array()));
                    case 'X' ->
                        text(
                                out,
                                HexFormat.of()
                                        .withUpperCase()
                                        .formatHex(publish.payload().array()));
                    case 'l' -> text(out, Integer.toString(publish.payload().size()));
                    case 'q' -> text(out, Integer.toString(publish.qos()));
                    case 'r' -> text(out, publish.retain() ? "1" : "0");
                    case 'm' -> text(out, Integer.toString(publish.packetId()));
                    case 'I' -> text(out, ISO.format(Instant.now()));
                    case 'U' -> text(out, unixTime());
                    case 'C' -> text(out, orEmpty(p.contentType()));
                    case 'D' -> out.writeBytes(p.correlationData() == null ? new byte[0] : p.correlationData());
                    case 'E' -> text(out, orEmpty(p.messageExpiryInterval()));
                    case 'F' -> text(out, orEmpty(p.payloadFormatIndicator()));
                    case 'R' -> text(out, orEmpty(p.responseTopic()));
                    case 'S' -> text(out, joined(p));
                    case 'P' -> text(out, userProperties(p));
                    case '%' -> out.write('%');
                    default -> text(out, "%" + d);
                }
            } else {
                text(out, String.valueOf(c));
            }
        }
    }

    private static void escape(ByteArrayOutputStream out, char d) {
        switch (d) {
            case 'n' -> out.write('\n');
            case 't' -> out.write('\t');
            case '0' -> out.write(0);
            case '\\' -> out.write('\\');
            default -> text(out, "\\" + d);
        }
    }

    private static String unixTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
    }

    private static String joined(Properties p) {
        StringBuilder s = new StringBuilder();
        for (Integer id : p.subscriptionIdentifiers()) {
            s.append(s.length() == 0 ? "" : ",").append(id);
        }
        return s.toString();
    }

    private static String userProperties(Properties p) {
        StringBuilder s = new StringBuilder();
        for (UserProperty u : p.userProperties()) {
            s.append(s.length() == 0 ? "" : " ").append(u.name()).append(':').append(u.value());
        }
        return s.toString();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
