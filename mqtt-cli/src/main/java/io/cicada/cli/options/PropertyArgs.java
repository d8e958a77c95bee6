package io.cicada.cli.options;

import io.cicada.mqtt.packet.Properties;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The MQTT 5 properties given with {@code -D COMMAND IDENTIFIER VALUE} (two values for {@code user-property}), as
 * {@code mosquitto_pub -D} spells them: {@code -D publish user-property unit celsius}, {@code -D connect
 * session-expiry-interval 60}. Filled by picocli on the main thread while parsing.
 */
public final class PropertyArgs {
    private final Map<String, Properties.Builder> byCommand = new HashMap<>();

    /** The properties given for {@code command} ({@code connect}, {@code publish}, {@code subscribe}, {@code will}). */
    public Properties forCommand(String command) {
        Properties.Builder builder = byCommand.get(command);
        return builder == null ? Properties.EMPTY : builder.build();
    }

    /** True when any property was given (they need MQTT 5). */
    public boolean any() {
        return !byCommand.isEmpty();
    }

    /** Parses one {@code -D} into the {@link PropertyArgs} held by the option's field. */
    public static final class Parser implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            PropertyArgs target = argSpec.getValue();
            target.parse(args, commandSpec.commandLine());
        }
    }

    private void parse(Stack<String> args, CommandLine cl) {
        String command = next(args, cl, "COMMAND").toLowerCase(Locale.ROOT);
        if (!command.matches("connect|publish|subscribe|will|disconnect|unsubscribe")) {
            throw new CommandLine.ParameterException(
                    cl, "-D: unknown command '" + command + "' (connect, publish, subscribe, will, disconnect)");
        }
        String identifier = next(args, cl, "IDENTIFIER").toLowerCase(Locale.ROOT);
        String value = next(args, cl, "VALUE");
        Properties.Builder b = byCommand.computeIfAbsent(command, c -> Properties.builder());
        try {
            switch (identifier) {
                case "user-property" -> b.addUserProperty(value, next(args, cl, "VALUE"));
                case "payload-format-indicator" -> b.payloadFormatIndicator(Integer.parseInt(value));
                case "message-expiry-interval" -> b.messageExpiryInterval(Long.parseLong(value));
                case "content-type" -> b.contentType(value);
                case "response-topic" -> b.responseTopic(value);
                case "correlation-data" -> b.correlationData(value.getBytes(StandardCharsets.UTF_8));
                case "session-expiry-interval" -> b.sessionExpiryInterval(Long.parseLong(value));
                case "receive-maximum" -> b.receiveMaximum(Integer.parseInt(value));
                case "topic-alias-maximum" -> b.topicAliasMaximum(Integer.parseInt(value));
                case "maximum-packet-size" -> b.maximumPacketSize(Long.parseLong(value));
                case "request-problem-information" -> b.requestProblemInformation(Integer.parseInt(value));
                case "request-response-information" -> b.requestResponseInformation(Integer.parseInt(value));
                case "will-delay-interval" -> b.willDelayInterval(Long.parseLong(value));
                case "subscription-identifier" -> b.addSubscriptionIdentifier(Integer.parseInt(value));
                default ->
                    throw new CommandLine.ParameterException(
                            cl, "-D: unknown or unsupported property '" + identifier + "'");
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cl, "-D " + identifier + ": '" + value + "' is not a number");
        }
    }

    private static String next(Stack<String> args, CommandLine cl, String what) {
        if (args.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "-D: missing " + what + " (-D COMMAND IDENTIFIER VALUE)");
        }
        return args.pop();
    }
}
