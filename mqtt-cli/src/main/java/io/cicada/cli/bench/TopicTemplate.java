package io.cicada.cli.bench;

/**
 * A bench topic with placeholders: {@code %i} is the client index, {@code %c} the client id. {@code bench/%i/temp}
 * gives every publisher its own topic; the subscription filter that catches them all puts {@code +} in their place.
 * Immutable.
 */
record TopicTemplate(String template) {

    String topic(int index, String clientId) {
        return template.replace("%i", Integer.toString(index)).replace("%c", clientId);
    }

    /** The filter that matches the topic of every client: each placeholder level becomes {@code +}. */
    String wildcardFilter() {
        String[] levels = template.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].contains("%i") || levels[i].contains("%c")) {
                levels[i] = "+";
            }
        }
        return String.join("/", levels);
    }
}
