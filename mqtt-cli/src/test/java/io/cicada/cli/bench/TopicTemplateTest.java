package io.cicada.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicTemplateTest {
    @Test
    void placeholdersBecomeTheClientIndexAndId() {
        assertThat(new TopicTemplate("bench/%i/%c").topic(3, "pub-3")).isEqualTo("bench/3/pub-3");
    }

    @Test
    void theWildcardFilterPutsPlusWhereThePlaceholdersAre() {
        assertThat(new TopicTemplate("bench/%i/temp").wildcardFilter()).isEqualTo("bench/+/temp");
        assertThat(new TopicTemplate("dev-%c/x").wildcardFilter()).isEqualTo("+/x");
        assertThat(new TopicTemplate("fixed/topic").wildcardFilter()).isEqualTo("fixed/topic");
    }
}
