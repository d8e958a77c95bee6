package io.cicada.server.config;

import java.util.List;
import java.util.function.Function;

/**
 * The kind of value a configuration key takes, how it is written and what range is allowed: integers with bounds,
 * {@code true}/{@code false}, a choice of words, or text. Immutable.
 *
 * @param expectation what an error message says the key expects, such as {@code an integer 0..65535}
 * @param parser the value for a text, or null when the text is not acceptable
 */
record ValueType(String expectation, Function<String, Object> parser) {

    /** The parsed value, or null when {@code text} is not acceptable. */
    Object parse(String text) {
        return text == null ? null : parser.apply(text.trim());
    }

    /** A whole number {@code min..max}; digits may be grouped with underscores ({@code 268_435_460}). */
    static ValueType integer(int min, int max) {
        return new ValueType("an integer " + min + ".." + max, text -> {
            Long value = wholeNumber(text);
            return value != null && value >= min && value <= max ? Integer.valueOf(value.intValue()) : null;
        });
    }

    /** Like {@link #integer} for values beyond the int range. */
    static ValueType longInteger(long min, long max) {
        return new ValueType("an integer " + min + ".." + max, text -> {
            Long value = wholeNumber(text);
            return value != null && value >= min && value <= max ? value : null;
        });
    }

    /** Exactly {@code true} or {@code false}. */
    static ValueType bool() {
        return new ValueType("true or false", text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    /** One of the given words, exactly as written. */
    static ValueType choice(List<String> words) {
        return new ValueType("one of: " + String.join(", ", words), text -> words.contains(text) ? text : null);
    }

    /** Any text of at most {@code maxLength} characters, without control characters. */
    static ValueType text(int maxLength) {
        return new ValueType("text of at most " + maxLength + " characters", text -> {
            if (text.length() > maxLength || text.chars().anyMatch(Character::isISOControl)) {
                return null;
            }
            return text;
        });
    }

    /** Non-empty text without spaces or control characters, such as a host name or listener name. */
    static ValueType word() {
        return new ValueType("a non-empty name without spaces", text -> {
            if (text.isEmpty() || text.length() > 255 || text.chars().anyMatch(c -> c <= ' ')) {
                return null;
            }
            return text;
        });
    }

    private static Long wholeNumber(String text) {
        if (text.isEmpty() || text.startsWith("_") || text.endsWith("_")) {
            return null;
        }
        String digits = text.replace("_", "");
        int start = digits.startsWith("-") ? 1 : 0;
        if (digits.length() == start || digits.length() > 19) {
            return null;
        }
        for (int i = start; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return null;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
