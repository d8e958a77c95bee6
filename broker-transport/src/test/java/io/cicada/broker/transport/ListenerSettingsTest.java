package io.cicada.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerSettingsTest {

    @Test
    void unknownListenerTypesAreRefused() {
        assertThatThrownBy(() -> new ListenerSettings("q", "quic", "127.0.0.1", 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp, ws");
    }

    @Test
    void portMustFitIn16Bits() {
        assertThatThrownBy(() -> ListenerSettings.tcp("tcp", "127.0.0.1", 65_536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenerNamesMustBeUnique() {
        ListenerSettings a = ListenerSettings.tcp("tcp", "127.0.0.1", 1883);
        ListenerSettings b = ListenerSettings.tcp("tcp", "0.0.0.0", 1884);
        assertThatThrownBy(() -> TransportSettings.defaults().withListeners(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate listener name 'tcp'");
    }

    @Test
    void ipv6AddressesAreBracketed() {
        assertThat(ListenerSettings.tcp("v6", "::1", 1883).address()).isEqualTo("[::1]:1883");
        assertThat(TransportSettings.DEFAULT_LISTENER.address()).isEqualTo("127.0.0.1:1883");
    }
}
