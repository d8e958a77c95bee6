package io.cicada.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of a queue entry, with and without the shared subscription it came through. */
class QueueEntryTest {
    @Test
    void sharedFilterSurvivesEncodeAndDecode() {
        QueueEntry entry = new QueueEntry(42, 1, true, List.of(7, 9), "$share/workers/jobs/#");
        entry.packetId = 513;
        entry.released = true;
        QueueEntry back = QueueEntry.decode(entry.encode());
        assertThat(back.messageId).isEqualTo(42);
        assertThat(back.qos).isEqualTo(1);
        assertThat(back.retain).isTrue();
        assertThat(back.subscriptionIdentifiers).containsExactly(7, 9);
        assertThat(back.packetId).isEqualTo(513);
        assertThat(back.released).isTrue();
        assertThat(back.sharedFilter).isEqualTo("$share/workers/jobs/#");
    }

    @Test
    void ordinaryEntryHasNoSharedFilterAndKeepsTheOlderLayout() {
        QueueEntry entry = new QueueEntry(5, 2, false, List.of(), null);
        byte[] bytes = entry.encode();
        // the layout written before shared filters were stored: nothing after the identifiers
        assertThat(bytes).hasSize(8 + 1 + 1 + 2 + 1 + 2);
        QueueEntry back = QueueEntry.decode(bytes);
        assertThat(back.sharedFilter).isNull();
        assertThat(back.qos).isEqualTo(2);
    }

    @Test
    void recordOfAnOlderVersionDecodesWithoutAGroup() {
        ByteBuffer old = ByteBuffer.allocate(8 + 1 + 1 + 2 + 1 + 2 + 4);
        old.putLong(3)
                .put((byte) 1)
                .put((byte) 0)
                .putShort((short) 0)
                .put((byte) 0)
                .putShort((short) 1)
                .putInt(11);
        QueueEntry back = QueueEntry.decode(old.array());
        assertThat(back.subscriptionIdentifiers).containsExactly(11);
        assertThat(back.sharedFilter).isNull();
    }
}
