package io.cicada.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.Publish;
import io.cicada.spec.Spec;
import org.junit.jupiter.api.Test;

class OutboundTopicAliasesTest {
    private static Publish publish(String topic) {
        return new Publish(topic, 0, false, false, 0, Properties.EMPTY, Payload.utf8("x"));
    }

    @Test
    void firstPublishCarriesTopicAndAliasLaterOnesOnlyTheAlias() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2, Long.MAX_VALUE);
        Publish first = aliases.apply(publish("a/b"));
        assertThat(first.topic()).isEqualTo("a/b");
        assertThat(first.properties().topicAlias()).isEqualTo(1);
        Publish second = aliases.apply(publish("a/b"));
        assertThat(second.topic()).isEmpty();
        assertThat(second.properties().topicAlias()).isEqualTo(1);
        assertThat(aliases.apply(publish("c")).properties().topicAlias()).isEqualTo(2);
    }

    @Test
    @Spec({"MQTT-3.3.2-10"})
    void theLeastRecentlyUsedAliasIsRemappedWhenAllAreInUse() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2, Long.MAX_VALUE);
        aliases.apply(publish("a")); // 1
        aliases.apply(publish("b")); // 2
        aliases.apply(publish("a")); // a used last: b is the eldest
        Publish c = aliases.apply(publish("c"));
        // [MQTT-3.3.2-10] never above the client's maximum: alias 2 is re-mapped, with the topic sent again
        assertThat(c.topic()).isEqualTo("c");
        assertThat(c.properties().topicAlias()).isEqualTo(2);
        assertThat(aliases.size()).isEqualTo(2);
        Publish b = aliases.apply(publish("b"));
        assertThat(b.topic()).isEqualTo("b");
        assertThat(b.properties().topicAlias()).isEqualTo(1); // a is now the eldest
    }

    @Test
    void noAliasWhenItWouldPushThePacketPastTheClientsMaximumSize() {
        long exact = io.cicada.broker.session.PublishSize.of(publish("t/t"));
        OutboundTopicAliases aliases = new OutboundTopicAliases(5, exact + 2);
        Publish sent = aliases.apply(publish("t/t"));
        assertThat(sent.properties().topicAlias()).isNull();
        assertThat(sent.topic()).isEqualTo("t/t");
    }
}
